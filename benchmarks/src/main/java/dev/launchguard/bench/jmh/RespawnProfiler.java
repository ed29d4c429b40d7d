package dev.launchguard.bench.jmh;

import dev.launchguard.fleet.RespawnRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds launchguard's own measurement of each respawn ({@link RespawnRecord}) to the JMH results of
 * {@link FaultToReadyBenchmark}, as secondary metrics in ms ({@code ·respawn.faultToReady} etc.), so
 * they land in the same standard JMH JSON as the wall time. Enable with {@code -prof
 * dev.launchguard.bench.jmh.RespawnProfiler} ({@code benchmarks/jmh.sh} does); other benchmarks
 * record nothing and get no extra metrics.
 *
 * <p>JMH instantiates a profiler by class name in the forked JVM, so the benchmark state cannot hand
 * it an object: a static queue is the only channel. It is drained after every iteration.
 */
public final class RespawnProfiler implements InternalProfiler {

    private static final Queue<Measured> RECORDED = new ConcurrentLinkedQueue<>();

    /** The respawn of one invocation, with the fault → ready time the harness derives from it. */
    record Measured(RespawnRecord record, Duration faultToReady) {
    }

    /** One reported metric: its name and how to read it from one respawn. */
    private record Metric(String name, Function<Measured, Duration> read) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("·respawn.faultToReady", Measured::faultToReady),
            new Metric("·respawn.total", m -> m.record().total()),
            new Metric("·respawn.detection", m -> m.record().detection()),
            new Metric("·respawn.kill", m -> m.record().kill()),
            new Metric("·respawn.spawnWait", m -> m.record().spawnWait()),
            new Metric("·respawn.startToReady", m -> m.record().startToPort().plus(m.record().portToReady())));

    static void record(RespawnRecord record, Duration faultToReady) {
        RECORDED.add(new Measured(record, faultToReady));
    }

    @Override
    public String getDescription() {
        return "launchguard's RespawnRecord of each fault → ready cycle (ms)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        RECORDED.clear();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        List<Measured> drained = new ArrayList<>();
        for (Measured m; (m = RECORDED.poll()) != null; ) {
            drained.add(m);
        }
        if (drained.isEmpty()) {
            return List.of();
        }
        List<Result> results = new ArrayList<>();
        for (Metric metric : METRICS) {
            double meanNanos = drained.stream().mapToLong(m -> metric.read().apply(m).toNanos()).average().orElseThrow();
            results.add(new ScalarResult(metric.name(), meanNanos / 1e6, "ms", AggregationPolicy.AVG));
        }
        return results;
    }
}
