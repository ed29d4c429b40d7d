package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between dd-plist values and the plain Java values of {@link LaunchdJob#extraKeys()},
 * and describes a value for error messages.
 */
final class PlistValues {

    private PlistValues() {
    }

    /** A short description of a value for error messages: {@code string "yes"}, {@code integer 5}. */
    static String describe(NSObject v) {
        if (v instanceof NSString) {
            return "string \"" + ((NSString) v).getContent() + "\"";
        }
        if (v instanceof NSNumber) {
            return typeName(v) + " " + ((NSNumber) v).stringValue();
        }
        return typeName(v);
    }

    static String typeName(NSObject v) {
        if (v instanceof NSNumber) {
            NSNumber n = (NSNumber) v;
            return n.isBoolean() ? "boolean" : n.isInteger() ? "integer" : "real";
        }
        if (v instanceof NSString) {
            return "string";
        }
        if (v instanceof NSArray) {
            return "array";
        }
        if (v instanceof NSDictionary) {
            return "dictionary";
        }
        if (v instanceof NSDate) {
            return "date";
        }
        if (v instanceof NSData) {
            return "data";
        }
        return v == null ? "nothing" : v.getClass().getSimpleName();
    }

    /** Converts a plist value to plain Java, keeping integer/real apart and dictionary order. */
    static Object toJava(NSObject v) {
        if (v instanceof NSNumber) {
            NSNumber n = (NSNumber) v;
            return n.isBoolean() ? (Object) n.boolValue() : n.isInteger() ? (Object) n.longValue() : n.doubleValue();
        }
        if (v instanceof NSString) {
            return ((NSString) v).getContent();
        }
        if (v instanceof NSDate) {
            return ((NSDate) v).getDate().toInstant();
        }
        if (v instanceof NSData) {
            return new PlistData(((NSData) v).bytes());
        }
        if (v instanceof NSArray) {
            List<Object> out = new ArrayList<>();
            for (NSObject item : ((NSArray) v).getArray()) {
                out.add(toJava(item));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof NSDictionary) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((NSDictionary) v).forEach((k, item) -> out.put(k, toJava(item)));
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("plist value of type " + typeName(v) + " is not supported");
    }

    /** The inverse of {@link #toJava}; also takes a bare {@code byte[]} and an Integer. */
    static NSObject fromJava(Object v) {
        if (v instanceof Boolean) {
            return new NSNumber((Boolean) v);
        }
        if (v instanceof Long || v instanceof Integer) {
            return new NSNumber(((Number) v).longValue());
        }
        if (v instanceof Double) {
            return new NSNumber((Double) v);
        }
        if (v instanceof String) {
            return new NSString((String) v);
        }
        if (v instanceof Instant) {
            return new NSDate(Date.from((Instant) v));
        }
        if (v instanceof PlistData) {
            return new NSData(((PlistData) v).bytes());
        }
        if (v instanceof byte[]) {
            return new NSData((byte[]) v);
        }
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            NSObject[] out = new NSObject[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = fromJava(list.get(i));
            }
            return new NSArray(out);
        }
        if (v instanceof Map) {
            NSDictionary out = new NSDictionary();
            ((Map<?, ?>) v).forEach((k, item) -> out.put(String.valueOf(k), fromJava(item)));
            return out;
        }
        throw new IllegalArgumentException("value of type " + (v == null ? "null" : v.getClass().getName())
                + " cannot be written to a plist");
    }
}
