package dev.launchguard.bench.sidebyside;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One probe engine's trials from {@link ProbeDriver}: each phase's {@code key=value} figures, plus
 * the engine's resident memory idle (before any probe) and busy (the peak over all phases).
 */
record ProbeSeries(String engine, String engineProcess, long rssIdleKib, List<Map<String, Long>> paced,
        List<Map<String, Long>> saturation) {

    ProbeSeries {
        paced = List.copyOf(paced);
        saturation = List.copyOf(saturation);
    }

    long rssBusyKib() {
        return Stream.concat(paced.stream(), saturation.stream())
                .mapToLong(m -> m.get("rss_max_kib")).max().orElse(0);
    }

    /** Per phase: the engine's CPU seconds per 1,000 probes (with the driver's when {@code withDriver}). */
    static List<Double> cpuPerThousand(List<Map<String, Long>> phases, boolean withDriver, boolean driverIsEngine) {
        return phases.stream().map(m -> {
            long cpu = m.get("engine_cpu_ms") + (withDriver && !driverIsEngine ? m.get("driver_cpu_ms") : 0);
            return m.get("probes") == 0 ? Double.NaN : cpu / 1000.0 / m.get("probes") * 1000;
        }).toList();
    }

    /** Per phase: probes ended per second of the phase. */
    static List<Double> rate(List<Map<String, Long>> phases) {
        return phases.stream().map(m -> m.get("probes") * 1000.0 / m.get("wall_ms")).toList();
    }

    /** Probes in all phases that did not succeed. */
    long failures() {
        return Stream.concat(paced.stream(), saturation.stream())
                .mapToLong(m -> m.get("probes") - m.get("ok")).sum();
    }
}
