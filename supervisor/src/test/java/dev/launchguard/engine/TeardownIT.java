package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.JobProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.job.JobEvents;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Teardown;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verified bootout: ExitTimeOut, setsid trees, no respawn during teardown, strays. */
class TeardownIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path plists;
    @TempDir
    Path state;

    private final List<String> labels = new ArrayList<>();
    private final List<Process> foreign = new ArrayList<>();
    private EmbeddedJobManager engine;

    @BeforeEach
    void start() {
        engine = new EmbeddedJobManager(state);
    }

    @AfterEach
    void stop() {
        engine.close();
        foreign.forEach(Process::destroyForcibly);
        assertThat(TestJobs.killTagged(labels)).as("processes left behind").isEmpty();
    }

    private String load(LaunchdJob job) {
        return TestJobs.load(engine, plists, labels, job);
    }

    private JobStatus awaitRunning(String label) {
        return TestJobs.awaitRunning(engine, label, WAIT);
    }

    @Test
    void exitTimeOutEscalatesToSigkillForAJobIgnoringSigterm() {
        // SIG_IGN survives exec, so the sleep children ignore SIGTERM too.
        String label = load(TestJobs.sh(TestJobs.label("ignores-term"), "trap '' TERM; while :; do sleep 0.2; done")
                .withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(1)));
        awaitRunning(label);

        Teardown teardown = engine.bootout(label);

        assertThat(teardown.forced()).isTrue();
        assertThat(teardown.clean()).isTrue();
        assertThat(teardown.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(TestJobs.tagged(label)).isEmpty();
        assertThat(engine.status(label).loaded()).isFalse();
    }

    @Test
    void teardownOfAJobWhoseChildCalledSetsidLeavesNothing() {
        // One child in a new session, one double-forked into a new session: both leave the job's
        // process group, so a process-group kill (launchd's) would miss them.
        String label = load(TestJobs.sh(TestJobs.label("setsid"),
                "setsid sleep 300 & (setsid sleep 301 &) ; exec sleep 302")
                .withKeepAlive(KeepAlive.forever()).withExitTimeOut(Duration.ofSeconds(2)));
        awaitRunning(label);
        await().atMost(WAIT).until(() -> TestJobs.tagged(label).size() == 3);
        List<Long> tree = TestJobs.tagged(label).stream().map(JobProcess::pid).toList();

        Teardown teardown = engine.bootout(label);

        assertThat(teardown.clean()).isTrue();
        assertThat(teardown.stoppedPids()).containsAll(tree);
        assertThat(TestJobs.tagged(label)).isEmpty();
        // ProcessTable, not ProcessHandle: a killed orphan stays a zombie until PID 1 reaps it.
        ProcessTable table = new ProcessTable();
        tree.forEach(pid -> assertThat(table.find(pid)).as("pid %d", pid).isEmpty());
    }

    @Test
    void bootoutOfADrainingKeepAliveJobNeverLeavesARespawnedInstance() {
        // Drains for 500 ms on SIGTERM, then exits 0; KeepAlive with no throttle would respawn it
        // at once if the should-run predicate were flipped after the stop instead of before.
        LaunchdJob job = TestJobs.sh(TestJobs.label("drain"),
                "trap 'sleep 0.5; exit 0' TERM; while :; do sleep 0.05; done")
                .withKeepAlive(KeepAlive.forever()).withThrottleInterval(Duration.ZERO)
                .withExitTimeOut(Duration.ofSeconds(5));
        labels.add(job.label());
        Path plist = TestJobs.write(plists, job);
        List<Long> survivors = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            engine.bootstrap(plist);
            awaitRunning(job.label());

            Teardown teardown = engine.bootout(job.label());

            assertThat(teardown.forced()).as("round %d drained in time", round).isFalse();
            assertThat(teardown.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            survivors.addAll(teardown.survivors());
            TestJobs.tagged(job.label()).forEach(p -> survivors.add(p.pid()));
            assertThat(engine.status(job.label()).loaded()).isFalse();
        }
        assertThat(survivors).isEmpty();
    }

    @Test
    void foreignProcessOnAJobsPortIsASquatterAndAnOldRunsProcessIsAnOrphan() throws Exception {
        int port = freePort();
        Process squatter = foreignListener(port);
        String label = TestJobs.label("ports");
        ProcessBuilder old = new ProcessBuilder("sleep", "303");
        old.environment().putAll(Map.of(ProcessTable.JOB_TAG, label, ProcessTable.INSTANCE_TAG, "an-older-run"));
        Process orphan = old.start();
        foreign.add(orphan);
        engine.close();
        engine = new EmbeddedJobManager(state, Map.of(label, List.of(port)), JobEvents.NONE,
                java.time.Clock.systemUTC(), System::nanoTime);
        load(TestJobs.sh(label, "exec sleep 300").withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(1)));
        awaitRunning(label);

        Strays strays = engine.strays(label);

        assertThat(strays.squatters()).extracting(Strays.Stray::pid).containsExactly(squatter.pid());
        assertThat(strays.squatters().get(0).reason()).isEqualTo("listens on port " + port);
        assertThat(strays.orphans()).extracting(Strays.Stray::pid).containsExactly(orphan.pid());
        engine.reapStrays(label);
        await().atMost(WAIT).until(() -> !orphan.isAlive() && !squatter.isAlive());
        assertThat(engine.status(label).running()).isTrue();
        assertThat(engine.strays(label).none()).isTrue();
    }

    @Test
    void bootoutFreesTheJobsOwnPortAndLeavesAPortAnotherServiceHoldsAlone() throws Exception {
        int shared = freePort();
        int own = freePort();
        Process backend = foreignListener(shared);
        String label = TestJobs.label("shared-port");
        engine.close();
        // The job probes a backend it does not run (shared) and serves its own port (own).
        engine = new EmbeddedJobManager(state, Map.of(label, List.of(shared, own)), JobEvents.NONE,
                java.time.Clock.systemUTC(), System::nanoTime);
        load(LaunchdJob.of(label, List.of(TestJobs.python(), "-m", "http.server", String.valueOf(own), "--bind",
                "127.0.0.1")).withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(2)));
        awaitRunning(label);
        ProcessTable table = new ProcessTable();
        await().atMost(WAIT).until(() -> !table.listeners(List.of(own)).isEmpty());

        Teardown teardown = engine.bootout(label);

        assertThat(teardown.clean()).isTrue();
        assertThat(teardown.portsFreed()).containsExactly(own);
        assertThat(table.listeners(List.of(own))).isEmpty();
        assertThat(backend.isAlive()).as("another service's listener is not the job's to stop").isTrue();
    }

    /** A python3 process listening on {@code port} that the engine did not start; killed after the test. */
    private Process foreignListener(int port) throws Exception {
        Process listener = new ProcessBuilder(TestJobs.python(), "-c",
                "import socket,time; s=socket.socket(); s.bind(('127.0.0.1'," + port + ")); s.listen(); "
                        + "print('up', flush=True); time.sleep(300)").start();
        foreign.add(listener);
        assertThat(new String(listener.getInputStream().readNBytes(3))).isEqualTo("up\n");
        return listener;
    }

    @Test
    void aRespawnFirstKillsTheEndedRunsChildThatStillHoldsTheJobsPort() throws Exception {
        // A wrapper whose server child ignores SIGTERM (SIG_IGN survives exec): when the wrapper is
        // killed the child lives on, re-parented, answering on the port. Left to the reaper's
        // SIGTERM-then-ExitTimeOut (20 s here) it would hold the port and the new run's server
        // could not bind: the job would cycle through failed runs while the old child answered.
        int port = freePort();
        String python = TestJobs.python();
        String wrapperScript = Path.of(TeardownIT.class.getResource("/wrapper.py").toURI()).toString();
        String label = load(LaunchdJob.of(TestJobs.label("port-holder"), List.of(python, wrapperScript, "--ignore-term",
                        python, "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1"))
                .withKeepAlive(KeepAlive.forever()).withThrottleInterval(Duration.ofSeconds(1))
                .withExitTimeOut(Duration.ofSeconds(20))
                .withExtraKeys(Map.of("LaunchguardPorts", List.of(port))));
        long wrapper = awaitRunning(label).pid().orElseThrow();
        ProcessTable table = new ProcessTable();
        long child = await().atMost(WAIT).until(() -> listener(table, port), p -> p > 0);
        Instant childStarted = table.find(child).orElseThrow().started();

        TestJobs.signal(wrapper, dev.launchguard.job.Signal.KILL);

        // The next run's own server binds the port; the old child is dead; no failed run between.
        await().atMost(WAIT).untilAsserted(() -> {
            JobStatus status = engine.status(label);
            long now = listener(table, port);
            assertThat(status.pid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(wrapper));
            assertThat(now).as("pid listening on %d", port).isPositive().isNotEqualTo(child);
            assertThat(table.find(now).flatMap(JobProcess::instance))
                    .isEqualTo(table.find(status.pid().getAsLong()).flatMap(JobProcess::instance));
        });
        assertThat(table.alive(child, childStarted)).as("the ended run's child").isFalse();
        assertThat(engine.status(label).runs()).as("runs: the first, and the respawn that bound the port").isEqualTo(2);
    }

    private static long listener(ProcessTable table, int port) {
        return table.listeners(List.of(port)).stream().mapToLong(ProcessTable.PortOwner::pid).findFirst().orElse(0);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
