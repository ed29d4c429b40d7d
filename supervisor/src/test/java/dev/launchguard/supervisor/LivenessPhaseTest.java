package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.launchguard.health.HealthState;
import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.supervisor.ScriptedEvidence.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * READY and SUSPECT on manual time: a passing failure, a busy process's grace and its end, and
 * readiness, which is recorded and never restarts anything. Liveness every 500 ms, 3 failures,
 * overload grace 2 minutes.
 */
class LivenessPhaseTest {

    @TempDir
    Path plists;

    private WatcherFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void twoFailuresMakeTheJobSuspectAndTheNextAnswerMakesItReadyWithoutARestart() {
        f = new WatcherFixture(plists).startReady();
        AtomicInteger left = new AtomicInteger(2);
        f.probes.answer(() -> left.getAndDecrement() > 0 ? Outcome.TIMEOUT : Outcome.UP);

        f.time.advance(Duration.ofMillis(1000));
        assertThat(f.view().state()).isEqualTo(HealthState.SUSPECT);
        assertThat(f.view().lastProbes().get(ProbeRole.LIVENESS).consecutiveFailures()).isEqualTo(2);

        f.time.advance(Duration.ofMillis(500));
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().lastProbes().get(ProbeRole.LIVENESS).consecutiveFailures()).isZero();
        assertThat(f.view().restarts()).isEmpty();
        assertThat(f.lines(Level.INFO, "Liveness answers again")).hasSize(1);
    }

    @Test
    void aBusyProcessGetsTheOverloadGraceOnceAndIsRestartedWhenItRunsOut() {
        f = new WatcherFixture(plists).startReady();
        f.evidence.reads(WatcherFixture.PID, Reading.BUSY);
        f.probes.answer(() -> f.jobs.pid() == WatcherFixture.PID ? Outcome.TIMEOUT : Outcome.UP);

        f.time.advance(Duration.ofSeconds(110));
        assertThat(f.view().state()).isEqualTo(HealthState.SUSPECT);
        assertThat(f.jobs.kickstarts()).isEmpty();
        assertThat(f.lines(Level.INFO, "Liveness failing but process busy, giving grace")).singleElement().asString()
                .contains("90.0% of a core");

        f.time.advance(Duration.ofSeconds(15));
        assertThat(f.view().restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.WEDGE);
            assertThat(r.evidence()).startsWith("still failing liveness after the 120s overload grace");
        });
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(WatcherFixture.PID + 1);
    }

    @Test
    void readinessFailingWhileLivenessAnswersIsRecordedAndRestartsNothing() {
        f = new WatcherFixture(plists, Optional.of(WatcherFixture.READINESS));
        f.probes.answer("/ready", () -> f.jobs.pid() == WatcherFixture.PID && f.time.nanos().getAsLong() < 1_000_000_000L
                ? Outcome.UP : Outcome.DOWN);
        f.startReady();
        assertThat(f.view().state()).isEqualTo(HealthState.READY);

        f.time.advance(Duration.ofSeconds(30));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().lastProbes().get(ProbeRole.READINESS).consecutiveFailures())
                .as("every 500 ms from 1 s on").isBetween(58, 61);
        assertThat(f.view().restarts()).isEmpty();
        assertThat(f.jobs.kickstarts()).isEmpty();
    }
}
