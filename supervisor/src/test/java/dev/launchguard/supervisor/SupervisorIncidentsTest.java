package dev.launchguard.supervisor;

import static dev.launchguard.supervisor.WatcherFixture.PID;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.launchguard.alert.Alert;
import dev.launchguard.config.RestartBudget;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.Termination;
import dev.launchguard.probe.Outcome;
import dev.launchguard.supervisor.ScriptedEvidence.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a job watcher tells the supervisor's incidents, over the real storm guard, restarter and
 * {@link dev.launchguard.alert.Incidents} (3 failures to fire, 2 successes to resolve): the alerts
 * the sinks would get, one per change, as the events happen.
 */
class SupervisorIncidentsTest {

    private static final String LABEL = WatcherFixture.LABEL;

    @TempDir
    Path plists;

    private WatcherFixture f;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aQuarantineSendsOneFiringAlertAndTheTrialsReadyAnswersResolveIt() {
        f = new WatcherFixture(plists).startReady();
        for (int i = 1; i <= 5; i++) {
            crash();
            f.time.advance(Duration.ofSeconds(3));
        }
        assertThat(f.view().state()).isEqualTo(HealthState.QUARANTINED);
        assertThat(f.alerts).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(a.check()).isEqualTo("quarantine " + LABEL);
            assertThat(a.detail()).contains("storm guard tripped", "process 104 exited (exit 1)");
        });

        f.time.advance(Duration.ofMinutes(5).plusSeconds(5));

        assertThat(f.view().state()).as("the trial after the 5 min backoff held").isEqualTo(HealthState.READY);
        assertThat(f.alerts).extracting(Alert::status, Alert::check).containsExactly(
                Tuple.tuple(Alert.Status.FIRING, "quarantine " + LABEL),
                Tuple.tuple(Alert.Status.RESOLVED, "quarantine " + LABEL));
        assertThat(f.alerts.get(1).streak()).as("the ready answer, then a passing liveness probe").isEqualTo(2);
    }

    @Test
    void aRestartWhoseKickstartFailsThreeTimesFiresOnceAndResolvesWhenTheNewInstanceIsReady() {
        f = new WatcherFixture(plists).startReady();
        f.jobs.failKickstarts(3);
        f.probes.answer(() -> f.jobs.pid() == PID ? Outcome.DOWN : Outcome.UP);

        f.time.advance(Duration.ofSeconds(60));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.alerts).extracting(Alert::status, Alert::check).containsExactly(
                Tuple.tuple(Alert.Status.FIRING, "restart " + LABEL),
                Tuple.tuple(Alert.Status.RESOLVED, "restart " + LABEL));
        assertThat(f.alerts.get(0).detail()).contains("attempt 3", "Too many open files");
    }

    @Test
    void aRestartThatFailsTwiceThenGoesThroughSendsNothing() {
        f = new WatcherFixture(plists).startReady();
        f.jobs.failKickstarts(2);
        f.probes.answer(() -> f.jobs.pid() == PID ? Outcome.DOWN : Outcome.UP);

        f.time.advance(Duration.ofSeconds(60));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.lines(Level.WARN, "Recovery failed, retrying")).hasSize(2);
        assertThat(f.alerts).isEmpty();
    }

    @Test
    void aSpentHostBudgetFiresOnceWhileTheWedgedJobWaitsTickAfterTickAndResolvesWhenItsRestartIsAllowed() {
        f = new WatcherFixture(plists, Optional.empty(), new RestartBudget(1, Duration.ofMinutes(1))).startReady();
        f.evidence.reads(PID, Reading.STOPPED);
        f.probes.answer(() -> f.jobs.pid() == PID ? Outcome.TIMEOUT : Outcome.UP);
        f.time.advance(Duration.ofSeconds(5));
        assertThat(f.view().pid()).as("the first wedge took the budget's one restart").hasValue(PID + 1);

        f.evidence.reads(PID + 1, Reading.STOPPED);
        f.probes.answer(() -> f.jobs.pid() == PID + 1 ? Outcome.TIMEOUT : Outcome.UP);
        f.time.advance(Duration.ofSeconds(30));

        assertThat(f.view().state()).isEqualTo(HealthState.WEDGED);
        assertThat(f.lines(Level.WARN, "Host restart budget spent, deferring restart")).as("refused at every look")
                .hasSizeGreaterThan(5);
        assertThat(f.alerts).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(a.check()).isEqualTo("host-budget");
        });

        f.time.advance(Duration.ofSeconds(40));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(PID + 2);
        assertThat(f.alerts).extracting(Alert::status, Alert::check).containsExactly(
                Tuple.tuple(Alert.Status.FIRING, "host-budget"), Tuple.tuple(Alert.Status.RESOLVED, "host-budget"));
    }

    /** The running instance exits 1 and the job manager reports it, as the embedded engine does. */
    private void crash() {
        long pid = f.jobs.pid();
        f.jobs.ended();
        f.spawns.exited(LABEL, pid, Optional.of(Termination.exited(1)));
    }
}
