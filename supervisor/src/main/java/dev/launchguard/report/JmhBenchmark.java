package dev.launchguard.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark of a JMH result, with its parameters: JMH's score, and for SingleShotTime each
 * measured iteration converted to milliseconds.
 *
 * @param samplesMs every iteration of every fork, in ms; empty unless the mode is SingleShotTime
 */
public record JmhBenchmark(String benchmark, String mode, SortedMap<String, String> params, JmhMetric primary,
        List<JmhMetric> secondary, List<Double> samplesMs) {

    /** JMH's short name of the SingleShotTime mode in {@code -rf json} output. */
    public static final String SINGLE_SHOT = "ss";

    public JmhBenchmark {
        params = new TreeMap<>(params);
        secondary = List.copyOf(secondary);
        samplesMs = List.copyOf(samplesMs);
    }

    /**
     * The series name: class and method, then the parameters as JMH prints them, so
     * {@code dev.x.RespawnBench.respawn} with pauseMs 5 is {@code RespawnBench.respawn [pauseMs=5]}.
     */
    public String job() {
        String[] parts = benchmark.split("\\.");
        String name = parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
        if (params.isEmpty()) {
            return name;
        }
        return name + params.entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(", ", " [", "]"));
    }

    /** One metric as JMH scored it; {@code scoreError} is NaN when JMH had too few samples for one. */
    public record JmhMetric(String name, double score, double scoreError, String unit) {
    }
}
