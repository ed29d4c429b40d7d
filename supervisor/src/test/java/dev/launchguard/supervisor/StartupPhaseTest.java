package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.Termination;
import dev.launchguard.probe.Outcome;
import dev.launchguard.supervisor.ScriptedEvidence.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTING and RECOVERING on manual time: the respawn's port-open phase, a throttled respawn left to
 * the job manager, and a start that answers liveness but not readiness past its budget.
 */
class StartupPhaseTest {

    private static final long PID = WatcherFixture.PID;

    @TempDir
    Path plists;

    private WatcherFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aRecoveryTimesItsPortOpenAndTheWaitFromThereToTheFirstReadyAnswer() {
        f = new WatcherFixture(plists).startReady();
        long faultNanos = f.time.nanos().getAsLong();
        f.evidence.reads(PID, Reading.STOPPED);
        f.probes.answer(() -> f.jobs.pid() == PID || f.time.nanos().getAsLong() - faultNanos < 2_000_000_000L
                ? Outcome.REFUSED : Outcome.UP);

        f.time.advance(Duration.ofSeconds(4));

        assertThat(f.view().respawns()).singleElement().satisfies(r -> {
            // The port answers a TCP connect at the first recovery tick; the HTTP answer comes at 2 s.
            assertThat(r.startToPort()).isLessThanOrEqualTo(Duration.ofMillis(25));
            assertThat(r.portToReady()).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2025));
            assertThat(r.startToPort().plus(r.portToReady()).plus(r.kill()).plus(r.spawnWait()))
                    .isLessThanOrEqualTo(r.total());
        });
    }

    @Test
    void aCrashedJobTheJobManagerThrottlesIsNotKickstartedButWaitedFor() {
        f = new WatcherFixture(plists).startReady();
        f.jobs.throttledUntil(Optional.of(f.time.clock().instant().plusSeconds(10)));
        f.jobs.ended();
        f.spawns.exited(WatcherFixture.LABEL, PID, Optional.of(Termination.exited(1)));

        f.time.advance(Duration.ofSeconds(9));
        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);
        assertThat(f.jobs.kickstarts()).as("the throttle is the job manager's to keep").isEmpty();

        f.jobs.throttledUntil(Optional.empty());
        f.jobs.respawn();
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.jobs.kickstarts()).isEmpty();
        assertThat(f.view().respawns()).singleElement().satisfies(r -> assertThat(r.spawnWait())
                .as("exit to the new instance, seen at a recovery tick").isBetween(Duration.ofSeconds(9), Duration.ofMillis(9025)));
    }

    @Test
    void aStartThatAnswersLivenessButNotReadinessIsLeftRunningPastItsBudget() {
        f = new WatcherFixture(plists, Optional.of(WatcherFixture.READINESS));
        f.probes.answer("/ready", () -> Outcome.DOWN);
        f.watcher.start();

        f.time.advance(Duration.ofMinutes(2));

        assertThat(f.view().state()).isEqualTo(HealthState.STARTING);
        assertThat(f.view().pid()).hasValue(PID);
        assertThat(f.jobs.kickstarts()).isEmpty();
        assertThat(f.view().restarts()).isEmpty();
        assertThat(f.lines(Level.WARN, "Job alive but not ready past its startup budget, left running"))
                .as("said once").singleElement().asString().contains("job=com.example.web");
    }
}
