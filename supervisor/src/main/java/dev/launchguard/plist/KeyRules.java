package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import java.util.List;
import java.util.Map;

/**
 * The lint rules on the keys themselves: a key launchd.plist(5) does not document (and that is not
 * launchguard's own) is a warning with the nearest known key, since launchd silently ignores it; a
 * documented key that launchguard does not model must still have launchd's type; launchguard's own
 * keys must have theirs.
 */
final class KeyRules {

    private static final long MAX_PORT = 65_535;
    private static final String PORTS = "an array of port numbers, integers 1 to 65535";

    private KeyRules() {
    }

    static void check(NSDictionary root, Findings findings) {
        List<String> documented = PlistKeys.allDocumented();
        for (Map.Entry<String, NSObject> e : root.entrySet()) {
            String key = e.getKey();
            ValueType type = PlistKeys.DOCUMENTED_UNMODELLED.get(key);
            if (type != null && !type.matches(e.getValue())) {
                findings.error(key, "expected " + type.words() + ", got " + PlistValues.describe(e.getValue()));
            } else if (key.equals(LaunchdJob.PORTS_KEY)) {
                ports(e.getValue(), findings);
            } else if (type == null && !PlistKeys.MODELLED.contains(key)) {
                findings.warning(key, (key.startsWith("Launchguard") ? "is not one of launchguard's own keys ("
                        + String.join(", ", PlistKeys.LAUNCHGUARD) + ") nor a launchd.plist(5) key"
                        : "is not a launchd.plist(5) key") + ", launchd ignores it"
                        + Suggestions.didYouMean(key, documented));
            }
        }
        nested(root, "KeepAlive", "a KeepAlive condition", PlistKeys.KEEP_ALIVE, findings);
        nested(root, "SoftResourceLimits", "a resource limit", PlistKeys.RESOURCE_LIMITS, findings);
        nested(root, "HardResourceLimits", "a resource limit", PlistKeys.RESOURCE_LIMITS, findings);
    }

    /** {@value LaunchdJob#PORTS_KEY}: an array of TCP/UDP port numbers, each an integer 1..65535. */
    private static void ports(NSObject value, Findings findings) {
        String key = LaunchdJob.PORTS_KEY;
        if (!(value instanceof NSArray array)) {
            findings.error(key, "expected " + PORTS + ", got " + PlistValues.describe(value));
            return;
        }
        for (int i = 0; i < array.count(); i++) {
            NSObject item = array.objectAtIndex(i);
            boolean integer = item instanceof NSNumber n && n.isInteger();
            if (!integer || ((NSNumber) item).longValue() < 1 || ((NSNumber) item).longValue() > MAX_PORT) {
                findings.error(key + "[" + i + "]", PlistValues.describe(item) + " is not a port number; allowed: an integer "
                        + "1 to 65535");
            }
        }
    }

    private static void nested(NSDictionary root, String key, String what, List<String> allowed,
            Findings findings) {
        if (!(root.get(key) instanceof NSDictionary)) {
            return;
        }
        for (String sub : ((NSDictionary) root.get(key)).keySet()) {
            if (!allowed.contains(sub)) {
                findings.warning(key + "." + sub, "is not " + what + ", launchd ignores it"
                        + Suggestions.didYouMean(sub, allowed) + "; allowed: " + String.join(", ", allowed));
            }
        }
    }
}
