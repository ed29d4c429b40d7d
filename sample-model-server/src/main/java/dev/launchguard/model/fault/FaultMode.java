package dev.launchguard.model.fault;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways the server can be told to fail; the README says what a supervisor sees for each. */
public enum FaultMode {
    WEDGE, DEADLOCK, SLOW, EXIT, CRASH, LEAK, POISON;

    /** Every mode's wire name, comma separated, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(FaultMode::wireName).collect(Collectors.joining(", "));
    }

    public static FaultMode parse(String text) {
        for (FaultMode mode : values()) {
            if (mode.wireName().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode '" + text + "' is unknown: one of " + wireNames());
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
