package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.util.Arrays;

/** The plist type a documented launchd key must have, with the words lint uses to name it. */
enum ValueType {
    BOOLEAN("a boolean (<true/> or <false/>)"),
    STRING("a string"),
    INTEGER("an integer"),
    STRINGS("an array of strings"),
    DICTIONARY("a dictionary");

    private final String words;

    ValueType(String words) {
        this.words = words;
    }

    /** What is allowed, as lint messages say it: "a boolean (<true/> or <false/>)". */
    String words() {
        return words;
    }

    boolean matches(NSObject value) {
        switch (this) {
            case BOOLEAN:
                return value instanceof NSNumber && ((NSNumber) value).isBoolean();
            case STRING:
                return value instanceof NSString;
            case INTEGER:
                return value instanceof NSNumber && ((NSNumber) value).isInteger();
            case STRINGS:
                return value instanceof NSArray
                        && Arrays.stream(((NSArray) value).getArray()).allMatch(NSString.class::isInstance);
            default:
                return value instanceof NSDictionary;
        }
    }
}
