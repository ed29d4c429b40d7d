package dev.launchguard.bench.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** A sorted set of measured durations (nanoseconds) and its nearest-rank percentiles. */
record Samples(long[] sortedNanos) {

    static Samples of(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Samples(sorted);
    }

    int count() {
        return sortedNanos.length;
    }

    /** Nearest-rank percentile, {@code q} in (0, 100]. */
    Duration percentile(double q) {
        if (sortedNanos.length == 0) {
            throw new IllegalStateException("samples are empty: no percentile " + q);
        }
        int rank = (int) Math.ceil(q / 100.0 * sortedNanos.length);
        return Duration.ofNanos(sortedNanos[Math.max(0, Math.min(sortedNanos.length, rank) - 1)]);
    }

    Duration min() {
        return Duration.ofNanos(sortedNanos[0]);
    }

    Duration max() {
        return Duration.ofNanos(sortedNanos[sortedNanos.length - 1]);
    }

    static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f", d.toNanos() / 1e9);
    }
}
