package dev.launchguard.launchctl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The persistent enable/disable overrides of a domain, read from {@code launchctl print-disabled
 * <domain>} or the {@code disabled services} block of {@code launchctl print <domain>}.
 *
 * <p>launchguard reads them because a non-root bootstrap of a disabled service fails with a bare
 * "5: Input/output error" (error-bootstrap-119-disabled-QUOTED.txt: the 119 shows only in the
 * unified log), so this is the only way to name the real cause.
 *
 * @param overrides label to {@code true} when disabled, in output order
 */
record DisabledServices(Map<String, Boolean> overrides) {

    // "\"com.hnc.Discord.ShipIt\" => disabled" (print-disabled-gui-macos26-grep-one-line.txt);
    // older releases print "true"/"false" instead of "disabled"/"enabled".
    private static final Pattern OVERRIDE =
            Pattern.compile("^\"(.+)\"\\s+=>\\s+(disabled|enabled|true|false)$");

    DisabledServices {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    static DisabledServices parse(String text) {
        Map<String, Boolean> overrides = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            Matcher override = OVERRIDE.matcher(line.strip());
            if (override.matches()) {
                String value = override.group(2);
                overrides.put(override.group(1), value.equals("disabled") || value.equals("true"));
            }
        }
        return new DisabledServices(overrides);
    }

    boolean disabled(String label) {
        return overrides.getOrDefault(label, false);
    }
}
