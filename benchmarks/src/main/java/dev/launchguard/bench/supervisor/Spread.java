package dev.launchguard.bench.supervisor;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Measured durations and their nearest-rank p50/p90/p99/max, printed as one Markdown table row. */
record Spread(String name, long[] sortedNanos) {

    static Spread of(String name, List<Duration> samples) {
        long[] sorted = samples.stream().mapToLong(Duration::toNanos).toArray();
        Arrays.sort(sorted);
        return new Spread(name, sorted);
    }

    int count() {
        return sortedNanos.length;
    }

    /** Nearest-rank percentile, {@code q} in (0, 100]. */
    Duration percentile(double q) {
        if (sortedNanos.length == 0) {
            throw new IllegalStateException("spread '" + name + "' has no samples");
        }
        int rank = (int) Math.ceil(q / 100.0 * sortedNanos.length);
        return Duration.ofNanos(sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)]);
    }

    Duration max() {
        return percentile(100);
    }

    static String header() {
        return "| measure | n | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|";
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |", name, count(), ms(percentile(50)),
                ms(percentile(90)), ms(percentile(99)), ms(max()));
    }

    static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }
}
