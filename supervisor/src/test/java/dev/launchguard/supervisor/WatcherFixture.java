package dev.launchguard.supervisor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.launchguard.alert.Alert;
import dev.launchguard.alert.Incidents;
import dev.launchguard.config.JobConfig;
import dev.launchguard.config.ProbeConfig;
import dev.launchguard.config.RecoveryPolicy;
import dev.launchguard.config.RestartBudget;
import dev.launchguard.config.StormPolicy;
import dev.launchguard.config.WatchersConfig;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.WedgeJudge;
import dev.launchguard.metrics.Metrics;
import dev.launchguard.probe.ProbeSpec;
import dev.launchguard.recovery.StormGuard;
import dev.launchguard.time.MonotonicClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * One {@link JobWatcher} over fakes, on {@link ManualTime}: a job manager, a process table and
 * probes the test scripts, the real wedge judge, storm guard and metrics. Nothing runs unless the
 * test advances the time, and nothing sleeps. The watcher's log lines are kept for assertions.
 */
final class WatcherFixture implements AutoCloseable {

    static final String LABEL = "com.example.web";
    static final long PID = 100;
    /** The liveness probe (also the ready gate: no readiness or startup probe is configured). */
    static final ProbeConfig LIVENESS = new ProbeConfig(ProbeSpec.Http.get("http://127.0.0.1:8080/healthz"),
            Duration.ofMillis(500), Duration.ofMillis(300), 3, 1);

    final ManualTime time = new ManualTime();
    final ScriptedJobManager jobs = new ScriptedJobManager(LABEL, PID, time.clock());
    final ScriptedEvidence evidence = new ScriptedEvidence(time.nanos());
    final ScriptedProbes probes = new ScriptedProbes(time.clock());
    final Metrics metrics = new Metrics();
    final SpawnLog spawns = new SpawnLog(time.clock(), time.nanos());
    final StormGuard storm;
    /** Every alert the supervisor's incidents sent (3 failures to fire a failed restart, 2 ready answers to resolve). */
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    final Incidents incidents = new Incidents(new WatchersConfig.Alerts(3, 2, Optional.empty(), Optional.empty()),
            alerts::add, time.clock());
    final JobWatcher watcher;
    /** launchguard's loggers: the watcher's lines and those of its helpers (the restarter, the storm guard). */
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.launchguard");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    /** A readiness probe on the same port: the ready gate when configured. */
    static final ProbeConfig READINESS = new ProbeConfig(ProbeSpec.Http.get("http://127.0.0.1:8080/ready"),
            Duration.ofMillis(500), Duration.ofMillis(300), 1, 1);

    WatcherFixture(Path plists) {
        this(plists, Optional.empty());
    }

    WatcherFixture(Path plists, Optional<ProbeConfig> readiness) {
        this(plists, readiness, new RestartBudget(10, Duration.ofMinutes(1)));
    }

    /** With a host restart budget of its own. */
    WatcherFixture(Path plists, Optional<ProbeConfig> readiness, RestartBudget hostBudget) {
        storm = new StormGuard(hostBudget, MonotonicClock.of(time.clock(), time.nanos()), metrics.registry());
        JobConfig config = new JobConfig(LABEL, Optional.empty(), Duration.ofSeconds(30), LIVENESS, readiness,
                new RecoveryPolicy(Duration.ofMillis(25), Duration.ofMinutes(2), Duration.ofMinutes(2)),
                new StormPolicy(5, Duration.ofMinutes(10), Duration.ofMinutes(5)), List.of(8080));
        storm.register(LABEL, config.storm());
        WatcherContext ctx = new WatcherContext(jobs, probes, metrics, storm, evidence, new WedgeJudge(),
                spawns, plists, time.clock(), time.nanos(), time, time, incidents);
        watcher = new JobWatcher(config, ctx);
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.DEBUG);
    }

    /** Starts the watcher and lets it adopt the running instance and see it ready. */
    WatcherFixture startReady() {
        watcher.start();
        time.advance(Duration.ofMillis(600));
        return this;
    }

    JobView view() {
        return watcher.view();
    }

    /** The watcher's log lines at {@code level} that contain {@code text}. */
    List<String> lines(Level level, String text) {
        return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(logged);
        logger.setLevel(null);
        watcher.close();
        incidents.close();
        metrics.close();
    }
}
