package dev.launchguard.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic latency axis over whole decades, mapping milliseconds to pixels. Latencies from a
 * few ms (a crash of a small job) to 15 s and more (a model that loads) span four decades; on a
 * linear axis everything but the slowest would crowd into the first pixels.
 */
record LogAxis(double minMs, double maxMs, double from, double to) {

    /** The smallest latency the axis shows; anything faster (0 ms included) is drawn at this edge. */
    static final double FLOOR_MS = 0.1;

    /** The whole decades that cover {@code lowMs} to {@code highMs}, drawn from pixel {@code from} to {@code to}. */
    static LogAxis covering(double lowMs, double highMs, double from, double to) {
        double min = Math.pow(10, Math.floor(Math.log10(Math.max(lowMs, FLOOR_MS))));
        double max = Math.pow(10, Math.ceil(Math.log10(Math.max(highMs, FLOOR_MS))));
        return new LogAxis(min, max > min ? max : min * 10, from, to);
    }

    /** The pixel of {@code ms}, clamped to the axis. */
    double x(double ms) {
        double clamped = Math.min(Math.max(ms, minMs), maxMs);
        return from + (to - from) * Math.log10(clamped / minMs) / Math.log10(maxMs / minMs);
    }

    /** 1, 10, 100, ... ms from min to max: labelled ticks. */
    List<Double> decades() {
        List<Double> ticks = new ArrayList<>();
        for (double v = minMs; v <= maxMs * 1.0001; v *= 10) {
            ticks.add(v);
        }
        return ticks;
    }

    /** 2, 3, ... 9 times each decade: unlabelled ticks. */
    List<Double> minorTicks() {
        List<Double> ticks = new ArrayList<>();
        for (double decade : decades()) {
            for (int m = 2; m <= 9 && decade * m < maxMs; m++) {
                ticks.add(decade * m);
            }
        }
        return ticks;
    }

    /** Edges of histogram bins, {@code perDecade} to a decade, equally wide on this axis. */
    List<Double> binEdges(int perDecade) {
        int bins = (int) Math.round(Math.log10(maxMs / minMs) * perDecade);
        List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= bins; i++) {
            edges.add(minMs * Math.pow(10, (double) i / perDecade));
        }
        return edges;
    }

    /** A decade as a person reads it: 0.1 ms, 1 ms, 100 ms, 1 s, 10 s, 100 s. */
    static String label(double ms) {
        if (ms >= 1_000) {
            return Svg.num(ms / 1_000) + " s";
        }
        return Svg.num(ms) + " ms";
    }
}
