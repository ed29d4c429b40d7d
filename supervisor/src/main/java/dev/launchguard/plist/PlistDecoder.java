package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a plist's root dictionary into a {@link LaunchdJob}, checking the type of every modelled
 * key. A wrong type is an error naming the key and what launchd accepts; unmodelled keys are kept.
 */
final class PlistDecoder {

    private final NSDictionary root;
    private final String source;

    private PlistDecoder(NSDictionary root, String source) {
        this.root = root;
        this.source = source;
    }

    static LaunchdJob decode(NSDictionary root, String source) {
        return new PlistDecoder(root, source).job();
    }

    private LaunchdJob job() {
        String label = string("Label").orElseThrow(() -> new PlistException(source, "Label", "is missing"));
        Map<String, Object> extras = new LinkedHashMap<>();
        for (Map.Entry<String, NSObject> e : root.entrySet()) {
            if (!PlistKeys.MODELLED.contains(e.getKey())) {
                extras.put(e.getKey(), toJava(e.getValue()));
            }
        }
        return new LaunchdJob(label, string("Program"), stringList("ProgramArguments"), keepAlive(),
                bool("RunAtLoad"), seconds("StartInterval"), calendar(), seconds("ThrottleInterval"),
                seconds("ExitTimeOut"), string("WorkingDirectory").map(Path::of), stringMap("EnvironmentVariables"),
                string("StandardOutPath").map(Path::of), string("StandardErrorPath").map(Path::of),
                bool("Disabled"), bool("AbandonProcessGroup"), string("ProcessType"), sessionTypes(),
                string("UserName"), string("GroupName"), integer("Nice"), integer("Umask"),
                limits("SoftResourceLimits"), limits("HardResourceLimits"), extras);
    }

    private Optional<String> string(String key) {
        NSObject v = root.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof NSString) {
            return Optional.of(((NSString) v).getContent());
        }
        throw wrongType(key, "a string", v);
    }

    private boolean bool(String key) {
        NSObject v = root.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof NSNumber && ((NSNumber) v).isBoolean()) {
            return ((NSNumber) v).boolValue();
        }
        throw wrongType(key, "a boolean (<true/> or <false/>)", v);
    }

    private OptionalInt integer(String key) {
        NSObject v = root.get(key);
        if (v == null) {
            return OptionalInt.empty();
        }
        if (v instanceof NSNumber && ((NSNumber) v).isInteger()) {
            return OptionalInt.of(((NSNumber) v).intValue());
        }
        throw wrongType(key, "an integer", v);
    }

    private Optional<Duration> seconds(String key) {
        NSObject v = root.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof NSNumber && ((NSNumber) v).isInteger()) {
            return Optional.of(Duration.ofSeconds(((NSNumber) v).longValue()));
        }
        throw wrongType(key, "an integer number of seconds", v);
    }

    private List<String> stringList(String key) {
        NSObject v = root.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof NSArray)) {
            throw wrongType(key, "an array of strings", v);
        }
        List<String> out = new ArrayList<>();
        NSObject[] items = ((NSArray) v).getArray();
        for (int i = 0; i < items.length; i++) {
            if (!(items[i] instanceof NSString)) {
                throw wrongType(key + "[" + i + "]", "a string", items[i]);
            }
            out.add(((NSString) items[i]).getContent());
        }
        return out;
    }

    private Map<String, String> stringMap(String key) {
        NSDictionary dict = dictionary(key, root.get(key));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, NSObject> e : dict.entrySet()) {
            if (!(e.getValue() instanceof NSString)) {
                throw wrongType(key + "." + e.getKey(), "a string", e.getValue());
            }
            out.put(e.getKey(), ((NSString) e.getValue()).getContent());
        }
        return out;
    }

    private Map<String, Long> limits(String key) {
        NSDictionary dict = dictionary(key, root.get(key));
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, NSObject> e : dict.entrySet()) {
            if (!(e.getValue() instanceof NSNumber) || !((NSNumber) e.getValue()).isInteger()) {
                throw wrongType(key + "." + e.getKey(), "an integer", e.getValue());
            }
            out.put(e.getKey(), ((NSNumber) e.getValue()).longValue());
        }
        return out;
    }

    private NSDictionary dictionary(String key, NSObject v) {
        if (v == null) {
            return new NSDictionary();
        }
        if (v instanceof NSDictionary) {
            return (NSDictionary) v;
        }
        throw wrongType(key, "a dictionary", v);
    }

    private KeepAlive keepAlive() {
        NSObject v = root.get("KeepAlive");
        if (v == null) {
            return KeepAlive.never();
        }
        if (v instanceof NSNumber && ((NSNumber) v).isBoolean()) {
            return ((NSNumber) v).boolValue() ? KeepAlive.forever() : KeepAlive.never();
        }
        if (!(v instanceof NSDictionary)) {
            throw wrongType("KeepAlive", "a boolean or a dictionary", v);
        }
        NSDictionary dict = (NSDictionary) v;
        return KeepAlive.conditions(optionalBool(dict, "KeepAlive.SuccessfulExit", "SuccessfulExit"),
                optionalBool(dict, "KeepAlive.Crashed", "Crashed"),
                boolMap(dict, "KeepAlive.PathState", "PathState"),
                boolMap(dict, "KeepAlive.OtherJobEnabled", "OtherJobEnabled"));
    }

    private Optional<Boolean> optionalBool(NSDictionary dict, String path, String key) {
        NSObject v = dict.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof NSNumber && ((NSNumber) v).isBoolean()) {
            return Optional.of(((NSNumber) v).boolValue());
        }
        throw wrongType(path, "a boolean", v);
    }

    private Map<String, Boolean> boolMap(NSDictionary parent, String path, String key) {
        NSDictionary dict = dictionary(path, parent.get(key));
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<String, NSObject> e : dict.entrySet()) {
            NSObject v = e.getValue();
            if (!(v instanceof NSNumber) || !((NSNumber) v).isBoolean()) {
                throw wrongType(path + "." + e.getKey(), "a boolean", v);
            }
            out.put(e.getKey(), ((NSNumber) v).boolValue());
        }
        return out;
    }

    private List<String> sessionTypes() {
        NSObject v = root.get("LimitLoadToSessionType");
        if (v == null) {
            return List.of();
        }
        if (v instanceof NSString) {
            return List.of(((NSString) v).getContent());
        }
        if (v instanceof NSArray) {
            return stringList("LimitLoadToSessionType");
        }
        throw wrongType("LimitLoadToSessionType", "a string or an array of strings", v);
    }

    private List<CalendarInterval> calendar() {
        NSObject v = root.get("StartCalendarInterval");
        if (v == null) {
            return List.of();
        }
        if (v instanceof NSDictionary) {
            return List.of(calendarEntry("StartCalendarInterval", (NSDictionary) v));
        }
        if (!(v instanceof NSArray)) {
            throw wrongType("StartCalendarInterval", "a dictionary or an array of dictionaries", v);
        }
        List<CalendarInterval> out = new ArrayList<>();
        NSObject[] items = ((NSArray) v).getArray();
        for (int i = 0; i < items.length; i++) {
            String path = "StartCalendarInterval[" + i + "]";
            if (!(items[i] instanceof NSDictionary)) {
                throw wrongType(path, "a dictionary", items[i]);
            }
            out.add(calendarEntry(path, (NSDictionary) items[i]));
        }
        return out;
    }

    private CalendarInterval calendarEntry(String path, NSDictionary dict) {
        for (String key : dict.keySet()) {
            if (!PlistKeys.CALENDAR.contains(key)) {
                throw new PlistException(source, path + "." + key,
                        "is not a calendar field; allowed: " + String.join(", ", PlistKeys.CALENDAR));
            }
        }
        return new CalendarInterval(calendarField(dict, path, "Minute"), calendarField(dict, path, "Hour"),
                calendarField(dict, path, "Day"), calendarField(dict, path, "Weekday"),
                calendarField(dict, path, "Month"));
    }

    private OptionalInt calendarField(NSDictionary dict, String path, String key) {
        NSObject v = dict.get(key);
        if (v == null) {
            return OptionalInt.empty();
        }
        if (v instanceof NSNumber && ((NSNumber) v).isInteger()) {
            return OptionalInt.of(((NSNumber) v).intValue());
        }
        throw wrongType(path + "." + key, "an integer", v);
    }

    private PlistException wrongType(String keyPath, String expected, NSObject actual) {
        return new PlistException(source, keyPath, "expected " + expected + ", got " + describe(actual));
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

    /** Converts an unmodelled value to plain Java, keeping integer/real and dictionary order. */
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
            return ((NSData) v).bytes();
        }
        if (v instanceof NSArray) {
            List<Object> out = new ArrayList<>();
            for (NSObject item : ((NSArray) v).getArray()) {
                out.add(toJava(item));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        if (v instanceof NSDictionary) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((NSDictionary) v).forEach((k, item) -> out.put(k, toJava(item)));
            return java.util.Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("plist value of type " + typeName(v) + " is not supported");
    }
}
