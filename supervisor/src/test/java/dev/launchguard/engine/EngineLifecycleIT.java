package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.JobProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.job.JobEvents;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Termination;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KeepAlive, SuccessfulExit, Crashed, the throttle and kickstart, with real processes and signals. */
class EngineLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path plists;
    @TempDir
    Path state;

    private final List<String> labels = new ArrayList<>();
    private final List<Long> spawnNanos = new CopyOnWriteArrayList<>();
    private EmbeddedJobManager engine;

    @BeforeEach
    void start() {
        JobEvents listener = new JobEvents() {
            @Override
            public void spawned(String label, long pid) {
                spawnNanos.add(System.nanoTime());
            }
        };
        engine = new EmbeddedJobManager(state, Map.of(), listener, Clock.systemUTC(), System::nanoTime);
    }

    @AfterEach
    void stop() {
        engine.close();
        assertThat(TestJobs.killTagged(labels)).as("processes left behind").isEmpty();
    }

    private String load(LaunchdJob job) {
        return TestJobs.load(engine, plists, labels, job);
    }

    private JobStatus awaitRunning(String label) {
        return TestJobs.awaitRunning(engine, label, WAIT);
    }

    @Test
    void keepAliveRespawnsAfterKill9() throws Exception {
        String label = load(TestJobs.sh(TestJobs.label("keepalive"), "exec sleep 300")
                .withKeepAlive(KeepAlive.forever()).withThrottleInterval(Duration.ofSeconds(1)));
        long first = awaitRunning(label).pid().getAsLong();

        TestJobs.signal(first, Signal.KILL);

        JobStatus after = await().atMost(WAIT).until(() -> engine.status(label),
                s -> s.running() && s.pid().getAsLong() != first);
        assertThat(after.runs()).isEqualTo(2);
        assertThat(after.lastExit()).contains(Termination.signaled(9));
        assertThat(TestJobs.tagged(label)).extracting(JobProcess::pid).containsExactly(after.pid().getAsLong());
    }

    @Test
    void successfulExitFalseRestartsAfterExit1ButNotAfterExit0() {
        KeepAlive onFailure = KeepAlive.conditions(Optional.of(false), Optional.empty(), Map.of(), Map.of());
        String clean = load(TestJobs.sh(TestJobs.label("exit0"), "exit 0")
                .withKeepAlive(onFailure).withThrottleInterval(Duration.ofSeconds(1)));
        String failing = load(TestJobs.sh(TestJobs.label("exit1"), "exit 1")
                .withKeepAlive(onFailure).withThrottleInterval(Duration.ofSeconds(1)));

        await().atMost(WAIT).until(() -> engine.status(failing).runs() >= 2);
        assertThat(engine.status(failing).lastExit()).contains(Termination.exited(1));
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> engine.status(clean),
                s -> s.runs() == 1 && s.state() == RunState.NOT_RUNNING);
        assertThat(engine.status(clean).lastExit()).contains(Termination.exited(0));
    }

    @Test
    void crashedTrueRestartsOnlyAfterASignal() throws Exception {
        KeepAlive onCrash = KeepAlive.conditions(Optional.empty(), Optional.of(true), Map.of(), Map.of());
        String exiting = load(TestJobs.sh(TestJobs.label("crashed-exit"), "exit 1").withRunAtLoad(true)
                .withKeepAlive(onCrash).withThrottleInterval(Duration.ofSeconds(1)));
        String killed = load(TestJobs.sh(TestJobs.label("crashed-kill"), "exec sleep 300").withRunAtLoad(true)
                .withKeepAlive(onCrash).withThrottleInterval(Duration.ofSeconds(1)));
        long first = awaitRunning(killed).pid().getAsLong();

        TestJobs.signal(first, Signal.KILL);

        await().atMost(WAIT).until(() -> engine.status(killed), s -> s.running() && s.pid().getAsLong() != first);
        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> engine.status(exiting),
                s -> s.runs() == 1 && s.state() == RunState.NOT_RUNNING);
    }

    @Test
    void jobCrashingAtOnceIsRespawnedOnlyAfterTheThrottleRemainder() {
        Duration throttle = Duration.ofSeconds(2);
        String label = load(TestJobs.sh(TestJobs.label("throttle"), "exit 3")
                .withKeepAlive(KeepAlive.forever()).withThrottleInterval(throttle));

        await().atMost(WAIT).until(() -> engine.status(label).state() == RunState.SPAWN_SCHEDULED);
        assertThat(engine.status(label).throttledUntil()).isPresent();
        await().atMost(WAIT).until(() -> spawnNanos.size() >= 2);

        // Semantics, not speed: the second spawn may not come before the throttle allows it. The
        // listener fires just after each spawn, so allow the first spawn's own duration as slack.
        Duration gap = Duration.ofNanos(spawnNanos.get(1) - spawnNanos.get(0));
        assertThat(gap).isGreaterThanOrEqualTo(throttle.minusMillis(50));
    }

    @Test
    void kickstartKillReplacesAStoppedInstanceAtOnce() throws Exception {
        String label = load(TestJobs.sh(TestJobs.label("kickstart"), "exec sleep 300")
                .withKeepAlive(KeepAlive.forever()));
        long first = awaitRunning(label).pid().getAsLong();
        engine.signal(label, Signal.STOP);
        await().atMost(WAIT).until(() -> TestJobs.tagged(label).stream().anyMatch(JobProcess::stopped));

        JobStatus after = engine.kickstart(label, true);

        assertThat(after.running()).isTrue();
        assertThat(after.pid().getAsLong()).isNotEqualTo(first);
        assertThat(after.lastExit()).contains(Termination.signaled(9));
        assertThat(new ProcessTable().find(first)).isEmpty();
    }

    @Test
    void standardOutPathIsAppendedAndEnvironmentCarriesTheTags() throws Exception {
        Path out = plists.resolve("out.log");
        java.nio.file.Files.writeString(out, "before\n");
        String label = load(TestJobs.sh(TestJobs.label("stdout"), "echo \"$GREETING $LAUNCHGUARD_JOB\"")
                .withRunAtLoad(true).withEnvironmentVariables(Map.of("GREETING", "hello"))
                .withStandardOutPath(out).withWorkingDirectory(plists));

        await().atMost(WAIT).until(() -> engine.status(label).lastExit().isPresent());
        assertThat(java.nio.file.Files.readString(out)).isEqualTo("before\nhello " + label + "\n");
    }

    @Test
    void disabledOverrideSurvivesAnEngineRestartUntilEnabled() {
        LaunchdJob job = TestJobs.sh(TestJobs.label("disable"), "exec sleep 300").withRunAtLoad(true);
        String label = load(job);
        awaitRunning(label);

        assertThat(engine.disable(label).clean()).isTrue();
        engine.close();
        engine = new EmbeddedJobManager(state);

        Path plist = TestJobs.write(plists, job);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.bootstrap(plist))
                .hasMessage("job '" + label + "' is disabled");
        engine.enable(label);
        assertThat(engine.bootstrap(plist).loaded()).isTrue();
        awaitRunning(label);
    }
}
