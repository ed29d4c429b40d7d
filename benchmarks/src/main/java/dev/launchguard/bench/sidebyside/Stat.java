package dev.launchguard.bench.sidebyside;

import java.util.List;
import java.util.Locale;

/** The median, minimum and maximum of a few trials (the median of an even count is the mean of the middle two). */
record Stat(int n, double median, double min, double max) {

    static Stat of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return new Stat(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stat(v.length, median, v[0], v[v.length - 1]);
    }

    static Stat single(double value) {
        return of(List.of(value));
    }

    boolean empty() {
        return n == 0;
    }

    /** {@code 812 (650–1020, n=10)}, or the bare value for one sample. */
    String format(String pattern) {
        if (empty()) {
            return "–";
        }
        String m = String.format(Locale.ROOT, pattern, median);
        return n == 1 ? m : m + String.format(Locale.ROOT, " (" + pattern + "–" + pattern + ", n=%d)", min, max, n);
    }
}
