package dev.launchguard.time;

import java.time.Duration;
import java.util.Locale;

/** Ages and sizes as an operator reads them, the same on the status page and in the CLI. */
public final class Human {

    private static final long KIB = 1024;

    private Human() {
    }

    /** An age: {@code 42s}, {@code 3m 20s}, {@code 2h 5m}, {@code 3d 4h}; a negative one reads 0s. */
    public static String age(Duration age) {
        long s = Math.max(0, age.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }

    /** Bytes in binary units, one decimal: {@code 34.2 MiB}. */
    public static String bytes(long bytes) {
        if (bytes < KIB) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= KIB && unit < units.length - 1) {
            value /= KIB;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
