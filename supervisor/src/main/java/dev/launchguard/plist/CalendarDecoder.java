package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads StartCalendarInterval: one dictionary, or an array of them (launchd.plist(5)). An unknown
 * field is an error, not a warning: launchd would treat the misspelt field as a wildcard and run
 * the job far more often than meant.
 */
final class CalendarDecoder {

    private static final String KEY = "StartCalendarInterval";

    private final PlistDecoder decoder;

    CalendarDecoder(PlistDecoder decoder) {
        this.decoder = decoder;
    }

    List<CalendarInterval> decode(NSDictionary root) {
        NSObject v = root.get(KEY);
        if (v == null) {
            return List.of();
        }
        if (v instanceof NSDictionary) {
            return List.of(entry(KEY, (NSDictionary) v));
        }
        if (!(v instanceof NSArray)) {
            return decoder.wrongType(KEY, "a dictionary or an array of dictionaries", v, List.of());
        }
        List<CalendarInterval> out = new ArrayList<>();
        NSObject[] items = ((NSArray) v).getArray();
        for (int i = 0; i < items.length; i++) {
            String path = KEY + "[" + i + "]";
            if (items[i] instanceof NSDictionary) {
                out.add(entry(path, (NSDictionary) items[i]));
            } else {
                decoder.wrongType(path, ValueType.DICTIONARY.words(), items[i], null);
            }
        }
        return out;
    }

    private CalendarInterval entry(String path, NSDictionary dict) {
        for (String key : dict.keySet()) {
            if (!PlistKeys.CALENDAR.contains(key)) {
                decoder.report(path + "." + key, "is not a calendar field" + Suggestions.didYouMean(key,
                        PlistKeys.CALENDAR) + "; allowed: " + String.join(", ", PlistKeys.CALENDAR));
            }
        }
        return new CalendarInterval(field(dict, path, "Minute"), field(dict, path, "Hour"),
                field(dict, path, "Day"), field(dict, path, "Weekday"), field(dict, path, "Month"));
    }

    private java.util.OptionalInt field(NSDictionary dict, String path, String key) {
        return decoder.integer(path + "." + key, dict.get(key));
    }
}
