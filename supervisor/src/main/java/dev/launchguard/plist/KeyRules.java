package dev.launchguard.plist;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import java.util.List;
import java.util.Map;

/**
 * The lint rules on the keys themselves: a key launchd.plist(5) does not document is a warning
 * with the nearest documented key, since launchd silently ignores it; a documented key that
 * launchguard does not model must still have launchd's type.
 */
final class KeyRules {

    private KeyRules() {
    }

    static void check(NSDictionary root, Findings findings) {
        List<String> documented = PlistKeys.allDocumented();
        for (Map.Entry<String, NSObject> e : root.entrySet()) {
            String key = e.getKey();
            ValueType type = PlistKeys.DOCUMENTED_UNMODELLED.get(key);
            if (type != null && !type.matches(e.getValue())) {
                findings.error(key, "expected " + type.words() + ", got " + PlistValues.describe(e.getValue()));
            } else if (type == null && !PlistKeys.MODELLED.contains(key)) {
                findings.warning(key, "is not a launchd.plist(5) key, launchd ignores it"
                        + Suggestions.didYouMean(key, documented));
            }
        }
        nested(root, "KeepAlive", "a KeepAlive condition", PlistKeys.KEEP_ALIVE, findings);
        nested(root, "SoftResourceLimits", "a resource limit", PlistKeys.RESOURCE_LIMITS, findings);
        nested(root, "HardResourceLimits", "a resource limit", PlistKeys.RESOURCE_LIMITS, findings);
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
