package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads jmh-respawn.json, the real output of a JMH 1.37 run (see the fixtures' README). */
class JmhReaderTest {

    private JmhRun read() throws Exception {
        return (JmhRun) new ReportReader().read(Fixtures.valid("jmh-respawn.json"));
    }

    @Test
    void readsEveryBenchmarkWithItsParameters() throws Exception {
        List<JmhBenchmark> benchmarks = read().benchmarks();

        assertThat(benchmarks).extracting(JmhBenchmark::job).containsExactly("RespawnBench.probe [pauseMs=5]",
                "RespawnBench.probe [pauseMs=20]", "RespawnBench.respawn [pauseMs=5]", "RespawnBench.respawn [pauseMs=20]",
                "RespawnBench.spawnOnly [pauseMs=5]", "RespawnBench.spawnOnly [pauseMs=20]");
        assertThat(benchmarks).extracting(JmhBenchmark::mode).containsExactly("thrpt", "thrpt", "ss", "ss", "ss", "ss");
        assertThat(benchmarks.get(0).benchmark()).isEqualTo("bench.RespawnBench.probe");
        assertThat(benchmarks.get(0).params()).isEqualTo(Map.of("pauseMs", "5"));
    }

    @Test
    void singleShotIterationsAreSamplesInMilliseconds() throws Exception {
        List<JmhBenchmark> benchmarks = read().benchmarks();

        assertThat(benchmarks.get(2).samplesMs())
                .containsExactly(5.069925, 5.072096, 6.388964, 5.07288, 5.060698, 5.073386);
        // spawnOnly is scored in us/op: 2694.162 us is 2.694162 ms
        assertThat(benchmarks.get(4).primary().unit()).isEqualTo("us/op");
        assertThat(benchmarks.get(4).samplesMs()).hasSize(4);
        assertThat(benchmarks.get(4).samplesMs().get(0)).isCloseTo(2.694162, within(1e-9));
    }

    @Test
    void throughputIsScoredButGivesNoLatencySamples() throws Exception {
        JmhBenchmark probe = read().benchmarks().get(0);

        assertThat(probe.samplesMs()).isEmpty();
        assertThat(probe.primary().score()).isEqualTo(7.837918630620245E8);
        assertThat(probe.primary().scoreError()).isEqualTo(2.0570842868877625E9);
        assertThat(probe.primary().unit()).isEqualTo("ops/s");
        assertThat(read().samples()).hasSize(6 + 6 + 4 + 4);
    }

    @Test
    void secondaryMetricsAreKeptAndAnErrorJmhCouldNotComputeIsNaN() throws Exception {
        JmhBenchmark respawn = read().benchmarks().get(2);

        assertThat(respawn.secondary()).extracting(JmhBenchmark.JmhMetric::name)
                .containsExactly("gc.alloc.rate", "gc.alloc.rate.norm", "gc.count");
        // JMH writes "scoreError" : "NaN" for gc.count
        assertThat(respawn.secondary().get(2).scoreError()).isNaN();
        assertThat(respawn.secondary().get(2).unit()).isEqualTo("counts");
    }

    @Test
    void aScoreJmhWroteAsNaNIsNaN(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jmh.json"), """
                [{"benchmark": "b.Bench.run", "mode": "avgt",
                  "primaryMetric": {"score": "NaN", "scoreError": "NaN", "scoreUnit": "ms/op", "rawData": []}}]
                """);

        JmhBenchmark.JmhMetric primary = ((JmhRun) new ReportReader().read(file)).benchmarks().get(0).primary();

        assertThat(primary.score()).isNaN();
        assertThat(primary.scoreError()).isNaN();
    }
}
