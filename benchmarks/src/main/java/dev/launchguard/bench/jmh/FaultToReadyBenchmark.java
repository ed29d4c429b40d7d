package dev.launchguard.bench.jmh;

import dev.launchguard.bench.supervisor.BenchFleet;
import dev.launchguard.bench.supervisor.Signals;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.health.HealthState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One fault → ready cycle per invocation, through the whole product: a real launchguard (embedded
 * engine, default liveness policy, in the forked JVM) supervises the real sample model server
 * ({@code --warmup 0}); each invocation SIGKILLs or SIGSTOPs it and returns once the job is READY
 * again with a new PID. The primary score is that wall time (fault → READY seen by a 5 ms poll of
 * the job's view); {@link RespawnProfiler} adds launchguard's own {@link RespawnRecord} figures.
 *
 * <p>Launchguard and the model server start once per trial (fork). Before each invocation, outside
 * the measurement, the job is READY and its instance has run past its 1 s ThrottleInterval plus a
 * random 0–500 ms, so wedges land at every phase of the 500 ms liveness interval, as in
 * {@code RespawnBench}. The model jar is {@code sample-model-server/target/sample-model-server.jar}
 * from the working directory, or the system property {@value #JAR_PROPERTY}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 10)
@Fork(1)
public class FaultToReadyBenchmark {

    static final String JAR_PROPERTY = "launchguard.bench.modelJar";
    private static final String LABEL = "bench.jmh.model";
    private static final Duration THROTTLE = Duration.ofSeconds(1);
    private static final int PHASE_MILLIS = 500;
    /** A model server start is ~2–3 s on a quiet 2-core machine; generous for a loaded one. */
    private static final Duration CYCLE_BOUND = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(5);

    /** {@code kill} = SIGKILL (crash, an exit event), {@code stop} = SIGSTOP (wedge, found by probes). */
    @Param({"kill", "stop"})
    public String fault;

    private RunningFleet running;
    private Launchguard launchguard;
    private final Random phase = new Random(42);
    private long pid;
    private Optional<RespawnRecord> before;

    @Setup(Level.Trial)
    public void startFleet() throws IOException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "sample-model-server/target/sample-model-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("model server jar '" + jar.toAbsolutePath() + "' is missing; build it first");
        }
        BenchFleet fleet = new BenchFleet("jmh-fault");
        int port = BenchFleet.freePort();
        fleet.add(BenchFleet.modelServer(LABEL, fleet.dir, jar, port, "256m"),
                BenchFleet.modelProbes(port) + BenchFleet.LENIENT_STORM);
        running = RunningFleet.start(fleet);
        launchguard = running.launchguard();
        BenchFleet.awaitState(launchguard, LABEL, HealthState.READY, Duration.ofMinutes(2));
    }

    @Setup(Level.Iteration)
    public void awaitSteadyReady() {
        JobView view = BenchFleet.awaitState(launchguard, LABEL, HealthState.READY, CYCLE_BOUND);
        Duration ran = Duration.between(view.since(), Clock.systemUTC().instant());
        Duration wait = THROTTLE.plusMillis(phase.nextInt(PHASE_MILLIS)).minus(ran);
        if (!wait.isNegative()) {
            BenchFleet.sleep(wait);
        }
        view = BenchFleet.awaitState(launchguard, LABEL, HealthState.READY, CYCLE_BOUND);
        pid = view.pid().orElseThrow();
        before = view.lastRespawn();
    }

    /** Sends the fault and waits, bounded, until the job is READY with a new PID. */
    @Benchmark
    public RespawnRecord faultToReady() {
        Instant faultAt = Clock.systemUTC().instant();
        Signals.send(pid, fault.equals("stop") ? Signals.SIGSTOP : Signals.SIGKILL);
        long deadline = System.nanoTime() + CYCLE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            JobView view = launchguard.supervisor().job(LABEL).orElseThrow();
            Optional<RespawnRecord> last = view.lastRespawn();
            if (view.state() == HealthState.READY && view.pid().orElse(pid) != pid && last.isPresent()
                    && !last.equals(before) && last.get().oldPid().orElse(0) == pid) {
                RespawnRecord r = last.get();
                RespawnProfiler.record(r, Duration.between(faultAt, r.stoppedServingAt().plus(r.total())));
                return r;
            }
            BenchFleet.sleep(POLL);
        }
        throw new IllegalStateException("job '" + LABEL + "' not READY with a new PID within " + CYCLE_BOUND
                + " of " + fault + " of pid " + pid);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        running.close();
    }
}
