package dev.launchguard.report;

import java.nio.file.Path;
import java.util.List;

/**
 * A JMH result file ({@code -rf json}): its benchmarks. Only SingleShotTime benchmarks time single
 * events, so only their iterations become latency samples; every benchmark is listed with its score.
 */
public record JmhRun(Path source, List<JmhBenchmark> benchmarks) implements ReportInput {

    public JmhRun {
        benchmarks = List.copyOf(benchmarks);
    }

    @Override
    public List<Sample> samples() {
        return benchmarks.stream()
                .flatMap(b -> b.samplesMs().stream().map(ms -> Sample.timed(b.job(), ms)))
                .toList();
    }
}
