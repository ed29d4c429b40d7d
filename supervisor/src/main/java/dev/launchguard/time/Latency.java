package dev.launchguard.time;

import java.util.Locale;

/** How a respawn latency reads for an operator, on the status page and in {@code launchguard status}. */
public final class Latency {

    private Latency() {
    }

    /** Milliseconds below a second ({@code 130.0 ms}), seconds above ({@code 1.75 s}). */
    public static String format(double millis) {
        return millis < 1_000 ? String.format(Locale.ROOT, "%.1f ms", millis)
                : String.format(Locale.ROOT, "%.2f s", millis / 1_000);
    }
}
