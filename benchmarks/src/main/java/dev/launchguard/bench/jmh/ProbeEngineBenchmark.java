package dev.launchguard.bench.jmh;

import dev.launchguard.bench.supervisor.LoopbackServers;
import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.Probe;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeSpec;
import dev.launchguard.probe.Prober;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of launchguard's probe engine: its {@link Prober} (default 2 event loops, native
 * transport) probing {@value #ENDPOINTS} real HTTP servers on 127.0.0.1, run in a separate JVM
 * ({@link LoopbackServers}) so their CPU is not the prober's. One invocation probes every endpoint
 * at once (a fresh connection each, the default 300 ms liveness deadline) and waits for all of
 * them, so the score is probes per second with 100 attempts in flight. Attempts that do not end
 * {@code up} are counted in the {@code notUp} secondary metric: a score with failures in it is not
 * a clean throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ProbeEngineBenchmark {

    static final int ENDPOINTS = 100;
    private static final Duration DEADLINE = Duration.ofMillis(300);

    private LoopbackServers.Spawned servers;
    private Prober prober;
    private final List<Probe> probes = new ArrayList<>();

    /** Per-iteration outcome counts, reported next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcomes {
        public long notUp;

        @Setup(Level.Iteration)
        public void reset() {
            notUp = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        servers = LoopbackServers.spawn(ENDPOINTS, 1);
        prober = Prober.start(Prober.DEFAULT_THREADS, true, System::nanoTime);
        for (int port : servers.ports()) {
            probes.add(prober.probeFor(ProbeSpec.Http.get("http://127.0.0.1:" + port + "/healthz")));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENDPOINTS)
    public void probeEveryEndpoint(Outcomes outcomes) {
        List<CompletableFuture<ProbeResult>> attempts = new ArrayList<>(probes.size());
        for (Probe p : probes) {
            attempts.add(p.attempt(DEADLINE));
        }
        for (CompletableFuture<ProbeResult> a : attempts) {
            if (a.join().outcome() != Outcome.UP) {
                outcomes.notUp++;
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        prober.close();
        servers.close();
    }
}
