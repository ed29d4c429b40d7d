package dev.launchguard.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Collection;

/**
 * The summary of a set of latencies in milliseconds that every table of the report prints: count,
 * p50, p90, p99 and max.
 *
 * <p>Percentiles are <b>nearest-rank</b>: the p-th percentile of n sorted samples is the sample at
 * rank {@code ceil(p / 100 × n)} (1-based), the smallest sample with at least p % of all samples at
 * or below it. Every reported value is therefore a latency that was really measured, never an
 * interpolation between two; with few samples p99 is simply the max. The rank is computed in
 * decimal arithmetic so that p = 99.9 and large n are exact.
 */
public record Distribution(int count, double p50, double p90, double p99, double max) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The summary of {@code values}; an empty collection gives {@link #empty()}. */
    public static Distribution of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return empty();
        }
        return new Distribution(sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** No samples: count 0, every statistic NaN (printed as a dash). */
    public static Distribution empty() {
        return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * The nearest-rank {@code percent}-th percentile of {@code sorted} (ascending, not empty);
     * {@code percent} in (0, 100].
     */
    public static double percentile(double[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("percentile of no samples");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile " + percent + " is outside (0, 100]");
        }
        int rank = BigDecimal.valueOf(percent).multiply(BigDecimal.valueOf(sorted.length))
                .divide(HUNDRED, 0, RoundingMode.CEILING).intValueExact();
        return sorted[Math.max(rank, 1) - 1];
    }

    /** {@code values} sorted ascending, for callers that need the samples themselves (a CDF). */
    static double[] sorted(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
