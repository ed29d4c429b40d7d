package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import java.time.Instant;
import java.util.Map;

/**
 * Every date of a parsed plist, whatever its format, must be one an XML plist can carry and read back
 * as itself: from {@link #FIRST} to {@link #LAST}. dd-plist writes a date as {@code yyyy-MM-dd'T'HH:mm:ss'Z'}
 * with a four-digit year and no era, in the Julian calendar before 1582, so a date outside that range
 * read from a binary or old-style plist (or rolled over by its lenient parser) would come back as
 * another one: the year 0 as the year 1, -292,275,024 as +292,269,024. Refused with its key path.
 * (Runs after the limits, so the depth is bounded.)
 */
final class PlistDates {

    static final Instant FIRST = Instant.parse("1601-01-01T00:00:00Z");
    static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

    private PlistDates() {
    }

    static void check(NSObject value, String source) {
        check(value, source, new PlistPath());
    }

    private static void check(NSObject value, String source, PlistPath path) {
        if (value instanceof NSDate date) {
            Instant at = date.getDate().toInstant();
            if (at.isBefore(FIRST) || at.isAfter(LAST)) {
                throw new PlistException(source, path.toString(), "holds the date " + at + "; allowed: a date from "
                        + FIRST + " to " + LAST + ", which an XML plist can write and read back");
            }
        } else if (value instanceof NSDictionary dict) {
            path.push("");
            for (Map.Entry<String, NSObject> e : dict.entrySet()) {
                path.replaceLast(e.getKey());
                check(e.getValue(), source, path);
            }
            path.pop();
        } else if (value instanceof NSArray array) {
            path.push("");
            NSObject[] items = array.getArray();
            for (int i = 0; i < items.length; i++) {
                path.replaceLast("[" + i + "]");
                check(items[i], source, path);
            }
            path.pop();
        }
    }
}
