package dev.launchguard.supervisor;

import dev.launchguard.config.EngineKind;
import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.config.ProbeConfig;
import dev.launchguard.config.RecoveryPolicy;
import dev.launchguard.config.RestartBudget;
import dev.launchguard.config.StormPolicy;
import dev.launchguard.engine.EmbeddedJobManager;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.WedgeJudge;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.probe.ProbeSpec;
import dev.launchguard.probe.Prober;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.recovery.StormGuard;
import dev.launchguard.time.MonotonicClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A real fleet for integration tests: plists written to a temporary folder, the embedded engine
 * running them as real processes, and a supervisor watching them. Closes everything it started.
 */
final class FleetFixture implements AutoCloseable {

    final Path dir;
    final Path plists;
    final EmbeddedJobManager engine;
    final SpawnLog spawns = new SpawnLog(Clock.systemUTC(), System::nanoTime);
    final Metrics metrics = new Metrics();
    final Prober prober = Prober.start();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<JobConfig> jobs = new ArrayList<>();
    /** The startup budget of jobs watched from now on. */
    Duration startupBudget = Duration.ofSeconds(30);
    Supervisor supervisor;

    FleetFixture(Path dir) throws IOException {
        this.dir = dir;
        this.plists = Files.createDirectories(dir.resolve("plists"));
        this.engine = new EmbeddedJobManager(Files.createDirectories(dir.resolve("state")), Map.of(), spawns,
                Clock.systemUTC(), System::nanoTime);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A KeepAlive job serving HTTP on {@code port} with python3's http.server. */
    LaunchdJob httpServer(String label, int port) throws IOException {
        Path www = Files.createDirectories(dir.resolve("www-" + port));
        Files.writeString(www.resolve("index.html"), "ok");
        return LaunchdJob.of(label, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(2))
                .withStandardErrorPath(dir.resolve(label + ".err.log"));
    }

    /** Loads {@code job} into the engine and watches it with a fast liveness probe on {@code url}. */
    void watch(LaunchdJob job, String url, StormPolicy storm) {
        watch(job, url, Optional.empty(), storm);
    }

    /** As {@link #watch(LaunchdJob, String, StormPolicy)}, with a readiness probe on {@code readinessUrl}. */
    void watch(LaunchdJob job, String url, Optional<String> readinessUrl, StormPolicy storm) {
        Path plist = plists.resolve(job.label() + ".plist");
        Plists.write(job, plist);
        engine.bootstrap(plist);
        ProbeConfig liveness = new ProbeConfig(ProbeSpec.Http.get(url), Duration.ofMillis(200), Duration.ofMillis(150),
                2, 1);
        Optional<ProbeConfig> readiness = readinessUrl.map(r -> new ProbeConfig(ProbeSpec.Http.get(r),
                Duration.ofMillis(200), Duration.ofMillis(150), 1, 1));
        jobs.add(new JobConfig(job.label(), Optional.empty(), startupBudget, liveness, readiness,
                new RecoveryPolicy(Duration.ofMillis(25), Duration.ofSeconds(30), Duration.ofSeconds(10)), storm,
                List.of(java.net.URI.create(url).getPort())));
    }

    void start() {
        LaunchguardConfig config = new LaunchguardConfig("test", "127.0.0.1", 0, plists, EngineKind.EMBEDDED,
                dir.resolve("state"), dir.resolve("token"), new RestartBudget(100, Duration.ofMinutes(1)), jobs);
        StormGuard storm = new StormGuard(config.hostBudget(), MonotonicClock.of(Clock.systemUTC(), System::nanoTime),
                metrics.registry());
        supervisor = new Supervisor(config, new WatcherContext(engine, prober::probeFor, metrics, storm,
                new ProcessTable(System::nanoTime), new WedgeJudge(), spawns, plists, Clock.systemUTC(), System::nanoTime,
                timer, workers, dev.launchguard.alert.SupervisorEvents.NONE));
        supervisor.start();
    }

    JobView view(String label) {
        return supervisor.job(label).orElseThrow();
    }

    static StormPolicy lenientStorm() {
        return new StormPolicy(50, Duration.ofMinutes(10), Duration.ofMinutes(5));
    }

    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.close();
        }
        timer.shutdownNow();
        workers.shutdown();
        engine.close();
        prober.close();
        metrics.close();
    }
}
