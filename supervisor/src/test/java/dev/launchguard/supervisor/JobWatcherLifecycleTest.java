package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.Termination;
import dev.launchguard.probe.Outcome;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.supervisor.ScriptedEvidence.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's life cycle as it behaves, pinned on manual time before its code is split up: the
 * startup gate and budget, a wedge, a crash, a storm that ends in quarantine and the retry after
 * it, disable and enable, and what a respawn measures. One job: liveness every 500 ms (300 ms
 * timeout, 3 failures), no readiness probe, a 30 s startup budget, storm guard 5 restarts in 10
 * minutes with a 5 minute backoff.
 */
class JobWatcherLifecycleTest {

    private static final long PID = WatcherFixture.PID;

    @TempDir
    Path plists;

    private WatcherFixture f;

    @AfterEach
    void close() {
        assertThat(f.lines(Level.ERROR, "").stream().filter(l -> !l.toLowerCase(java.util.Locale.ROOT).contains("quarantin")))
                .as("errors logged besides the quarantine's").isEmpty();
        f.close();
    }

    @Test
    void aStartingJobWaitsOutItsStartupBudgetThenAStalledStartIsRestarted() {
        f = new WatcherFixture(plists);
        f.probes.answer(() -> f.jobs.pid() == PID ? Outcome.REFUSED : Outcome.UP);
        f.watcher.start();

        f.time.advance(Duration.ofSeconds(29));
        assertThat(f.view().state()).isEqualTo(HealthState.STARTING);
        assertThat(f.view().pid()).hasValue(PID);
        assertThat(f.jobs.kickstarts()).as("nothing restarted inside the budget").isEmpty();

        f.time.advance(Duration.ofSeconds(2));
        assertThat(f.jobs.kickstarts()).hasSize(1);
        assertThat(f.view().restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.WEDGE);
            assertThat(r.evidence()).startsWith("not ready after 30s (startup budget 30s): no progress");
            assertThat(r.oldPid()).hasValue(PID);
        });
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(PID + 1);
    }

    @Test
    void aStoppedProcessIsWedgedAtItsFirstFailedProbeAndItsRespawnMeasuredToTheFirstReadyAnswer() {
        f = new WatcherFixture(plists).startReady();
        Instant faultAt = f.time.clock().instant();
        Instant newReadyAt = faultAt.plusSeconds(2);
        f.evidence.reads(PID, Reading.STOPPED);
        f.probes.answer(() -> f.jobs.pid() == PID || f.time.clock().instant().isBefore(newReadyAt)
                ? Outcome.TIMEOUT : Outcome.UP);

        f.time.advance(Duration.ofSeconds(5));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(PID + 1);
        assertThat(f.jobs.kickstarts()).singleElement().satisfies(
                at -> assertThat(at).isBetween(faultAt, faultAt.plusMillis(500)));
        RestartRecord restart = f.view().restarts().get(0);
        assertThat(restart.reason()).isEqualTo(RestartReason.WEDGE);
        assertThat(restart.evidence()).isEqualTo("process 100 is stopped (state T) after 1 failed liveness probe");
        assertThat(f.view().respawns()).singleElement().satisfies(r -> {
            assertThat(r.cause()).isEqualTo(RestartReason.WEDGE);
            assertThat(r.oldPid()).hasValue(PID);
            assertThat(r.newPid()).hasValue(PID + 1);
            assertThat(r.detection()).as("a stopped process is judged at once").isZero();
            assertThat(r.stoppedServingAt()).isEqualTo(restart.at());
            assertThat(r.total()).isEqualTo(Duration.between(restart.at(), f.view().since()));
            // The first ready answer comes at the first 25 ms recovery tick from 2 s on.
            assertThat(r.total()).isBetween(Duration.between(restart.at(), newReadyAt),
                    Duration.between(restart.at(), newReadyAt).plusMillis(25));
            assertThat(r.detection().plus(r.kill()).plus(r.spawnWait()).plus(r.startToPort()).plus(r.portToReady()))
                    .isLessThanOrEqualTo(r.total());
        });
        assertThat(f.metrics.scrape()).contains(
                "launchguard_restarts_total{label=\"com.example.web\",reason=\"wedge\"} 1.0",
                "launchguard_respawn_duration_seconds_count{label=\"com.example.web\"} 1");
    }

    @Test
    void aFailingIdleProcessIsWedgedAtTheThresholdWithTheDetectionTimeMeasured() {
        f = new WatcherFixture(plists).startReady();
        f.probes.answer(() -> f.jobs.pid() == PID ? Outcome.TIMEOUT : Outcome.UP);

        f.time.advance(Duration.ofSeconds(5));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(PID + 1);
        assertThat(f.view().restarts()).singleElement().satisfies(r -> assertThat(r.evidence())
                .startsWith("no CPU progress across 3 liveness failures (0.0% of a core over 1000 ms"));
        assertThat(f.view().respawns()).singleElement().satisfies(
                r -> assertThat(r.detection()).as("first failure to verdict: two intervals").isEqualTo(Duration.ofSeconds(1)));
        assertThat(f.lines(Level.WARN, "Job wedged")).singleElement().asString().contains("detection_ms=1000");
    }

    @Test
    void aCrashReportedByTheJobManagerIsRecoveredByTheNextInstanceAndMeasuredFromTheExit() {
        f = new WatcherFixture(plists).startReady();
        Instant exitAt = f.time.clock().instant();
        crash(Termination.exited(3));

        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);
        assertThat(f.view().restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.CRASH);
            assertThat(r.evidence()).isEqualTo("process 100 exited (exit 3)");
            assertThat(r.at()).isEqualTo(exitAt);
        });

        // Nothing respawns it by itself: the watcher kickstarts it once 2 s have passed.
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.jobs.kickstarts()).isEmpty();
        f.time.advance(Duration.ofMillis(1100));
        assertThat(f.jobs.kickstarts()).singleElement().satisfies(
                at -> assertThat(Duration.between(exitAt, at)).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2100)));
        assertThat(f.lines(Level.INFO, "No respawn by the job manager, kickstarting")).hasSize(1);
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(PID + 1);
        assertThat(f.view().respawns()).singleElement().satisfies(r -> {
            assertThat(r.cause()).isEqualTo(RestartReason.CRASH);
            assertThat(r.stoppedServingAt()).isEqualTo(exitAt);
            assertThat(r.total()).isEqualTo(Duration.between(exitAt, f.view().since()));
        });
    }

    @Test
    void aCrashTheJobManagerRespawnsByItselfIsNotKickstarted() {
        f = new WatcherFixture(plists).startReady();
        crash(Termination.signaled(9));
        f.jobs.respawn();

        f.time.advance(Duration.ofSeconds(5));

        assertThat(f.jobs.kickstarts()).isEmpty();
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(PID + 1);
        assertThat(f.view().restarts()).singleElement().extracting(RestartRecord::evidence)
                .isEqualTo("process 100 exited (signal 9)");
    }

    @Test
    void theFifthCrashInTheWindowQuarantinesTheJobWhichIsTriedOnceMoreAfterTheBackoff() {
        f = new WatcherFixture(plists).startReady();
        for (int i = 1; i <= 4; i++) {
            crash(Termination.exited(1));
            f.time.advance(Duration.ofSeconds(3));
            assertThat(f.view().state()).as("after crash %d", i).isEqualTo(HealthState.READY);
        }
        crash(Termination.exited(1));

        assertThat(f.view().state()).isEqualTo(HealthState.QUARANTINED);
        assertThat(f.jobs.loaded()).as("booted out").isFalse();
        assertThat(f.metrics.scrape()).contains("launchguard_quarantined{label=\"com.example.web\"} 1");
        assertThat(f.lines(Level.ERROR, "ALERT job quarantined")).singleElement().asString()
                .contains("restarts_max=5", "window_s=600");

        f.time.advance(Duration.ofMinutes(4));
        assertThat(f.view().state()).isEqualTo(HealthState.QUARANTINED);
        assertThat(f.jobs.kickstarts()).hasSize(4);

        f.time.advance(Duration.ofMinutes(1).plusSeconds(5));
        assertThat(f.jobs.loaded()).as("loaded again after the 5 min backoff").isTrue();
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().respawns()).last().extracting(RespawnRecord::cause).isEqualTo(RestartReason.QUARANTINE_RETRY);
        assertThat(f.metrics.scrape()).contains("launchguard_quarantined{label=\"com.example.web\"} 0");
        assertThat(f.lines(Level.INFO, "Quarantine retry held, job released")).hasSize(1);

        // The trial held: the breaker is closed again, so the next crash is recovered, not quarantined.
        crash(Termination.exited(1));
        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);
    }

    @Test
    void aQuarantinedJobShowsWhyAndWhenItsTrialComesWithNoPidAndResetBringsItBackReady() {
        f = new WatcherFixture(plists).startReady();
        quarantineByCrashes();

        JobView quarantined = f.view();
        assertThat(quarantined.pid()).as("the booted-out instance is gone").isEmpty();
        assertThat(quarantined.reason()).get().asString().contains("5 restarts within 600 s", "process ", "exited");
        assertThat(quarantined.hint()).hasValue("launchguard reset " + WatcherFixture.LABEL);
        assertThat(quarantined.quarantine()).get().satisfies(q -> {
            assertThat(q.maxRestarts()).isEqualTo(5);
            assertThat(q.trialAt()).isEqualTo(q.since().plus(Duration.ofMinutes(5)));
        });

        JobView reset = f.watcher.reset().join();
        assertThat(reset.state()).isEqualTo(HealthState.RECOVERING);
        assertThat(reset.quarantine()).isEmpty();
        f.time.advance(Duration.ofSeconds(1));

        assertThat(f.jobs.loaded()).isTrue();
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(f.jobs.pid());
        assertThat(f.view().restarts()).last().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.MANUAL);
            assertThat(r.evidence()).isEqualTo("reset from quarantine by the operator");
        });
        assertThat(f.metrics.scrape()).contains("launchguard_quarantined{label=\"com.example.web\"} 0");

        // Its restarts were forgotten: the next crash is recovered, not the sixth of a storm.
        crash(Termination.exited(1));
        f.time.advance(Duration.ofSeconds(3));
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
    }

    @Test
    void kickstartAndEnableOfAQuarantinedJobBringItBackAsResetDoes() {
        f = new WatcherFixture(plists).startReady();
        quarantineByCrashes();
        f.watcher.kickstart().join();
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.view().state()).as("after kickstart").isEqualTo(HealthState.READY);

        quarantineByCrashes();
        f.watcher.enable().join();
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.view().state()).as("after enable").isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(f.jobs.pid());
    }

    @Test
    void aQuarantinedJobStartedByHandIsWatchedAgainNotQuarantinedOnTopOfIt() {
        f = new WatcherFixture(plists).startReady();
        quarantineByCrashes();
        f.time.advance(Duration.ofSeconds(2));

        f.jobs.runAtLoad();
        f.jobs.bootstrap(plists.resolve(WatcherFixture.LABEL + ".plist"));
        f.time.advance(Duration.ofSeconds(2));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(f.jobs.pid());
        f.time.advance(Duration.ofMinutes(6));
        assertThat(f.view().state()).as("no trial loads it again on top").isEqualTo(HealthState.READY);
        assertThat(f.lines(Level.ERROR, "Quarantine retry could not load")).isEmpty();
    }

    @Test
    void aJobLeftDisabledByAnEarlierRunIsShownDisabledWithTheEnableHintNotStopped() {
        f = new WatcherFixture(plists);
        f.jobs.leftDisabled();
        f.startReady();
        f.time.advance(Duration.ofSeconds(5));

        assertThat(f.view().state()).isEqualTo(HealthState.DISABLED);
        assertThat(f.view().reason()).get().asString().contains("disabled");
        assertThat(f.view().hint()).hasValue("launchguard enable " + WatcherFixture.LABEL);
        assertThat(f.jobs.loaded()).isFalse();

        f.jobs.runAtLoad();
        f.watcher.enable().join();
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
    }

    @Test
    void aDisabledJobIsNeitherProbedNorRestartedUntilEnabledWhenItIsPickedUpAtOnce() {
        f = new WatcherFixture(plists).startReady();
        f.jobs.runAtLoad();

        f.watcher.disable().join();
        int attempts = f.probes.httpAttempts().size();
        f.time.advance(Duration.ofMinutes(2));

        assertThat(f.view().state()).isEqualTo(HealthState.DISABLED);
        assertThat(f.view().hint()).hasValue("launchguard enable " + WatcherFixture.LABEL);
        assertThat(f.view().pid()).isEmpty();
        assertThat(f.probes.httpAttempts()).hasSize(attempts);
        assertThat(f.jobs.kickstarts()).isEmpty();
        assertThat(f.view().restarts()).isEmpty();
        assertThat(f.watcher.ticking()).as("a disabled job is not a stuck watcher").isTrue();

        JobView enabled = f.watcher.enable().join();
        assertThat(enabled.state()).isEqualTo(HealthState.STARTING);
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(PID + 1);
        assertThat(f.view().restarts()).isEmpty();
    }

    @Test
    void aWallClockStepForwardDuringAStartChangesNoVerdict() {
        f = new WatcherFixture(plists);
        f.probes.answer(() -> Outcome.REFUSED);
        f.watcher.start();
        f.time.advance(Duration.ofSeconds(5));

        f.time.stepWallClock(Duration.ofHours(1));
        f.time.advance(Duration.ofSeconds(20));

        assertThat(f.view().state()).as("25 s into a 30 s budget, whatever the wall clock says").isEqualTo(HealthState.STARTING);
        assertThat(f.jobs.kickstarts()).isEmpty();
    }

    @Test
    void aWallClockStepBackDuringARespawnLeavesItsLatencyAsMeasured() {
        f = new WatcherFixture(plists).startReady();
        Instant newReadyAt = f.time.clock().instant().plusSeconds(3);
        long faultNanos = f.time.nanos().getAsLong();
        f.evidence.reads(PID, Reading.STOPPED);
        f.probes.answer(() -> f.jobs.pid() == PID || f.time.nanos().getAsLong() - faultNanos < 3_000_000_000L
                ? Outcome.TIMEOUT : Outcome.UP);
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);

        f.time.stepWallClock(Duration.ofHours(-1));
        f.time.advance(Duration.ofSeconds(4));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        RestartRecord restart = f.view().restarts().get(0);
        assertThat(f.view().respawns()).singleElement().satisfies(r -> {
            assertThat(r.stoppedServingAt()).as("labelled by the wall clock of its moment").isEqualTo(restart.at());
            assertThat(r.total()).as("measured on the monotonic clock")
                    .isBetween(Duration.between(restart.at(), newReadyAt), Duration.between(restart.at(), newReadyAt).plusMillis(25));
        });
    }

    /** Five crashes within the storm window: the fifth quarantines the job. */
    private void quarantineByCrashes() {
        for (int i = 1; i <= 5; i++) {
            crash(Termination.exited(1));
            f.time.advance(Duration.ofSeconds(3));
        }
        assertThat(f.view().state()).isEqualTo(HealthState.QUARANTINED);
    }

    /** The running instance exits and the job manager reports it, as the embedded engine does. */
    private void crash(Termination how) {
        long pid = f.jobs.pid();
        f.jobs.ended();
        f.spawns.exited(WatcherFixture.LABEL, pid, Optional.of(how));
    }
}
