package dev.launchguard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.WatchersConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's incidents over the alerter: when each of its checks fires and resolves, with the
 * thresholds of launchguard.yaml (3 failures, 2 successes), and one message per change.
 */
class IncidentsTest {

    private static final String WEB = "com.example.web";
    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    private final List<Alert> sent = new CopyOnWriteArrayList<>();
    private final Incidents incidents = new Incidents(alerts(3, 2), sent::add, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        incidents.close();
    }

    private static WatchersConfig.Alerts alerts(int failures, int successes) {
        return new WatchersConfig.Alerts(failures, successes, Optional.empty(), Optional.empty());
    }

    @Test
    void aQuarantineFiresAtOnceAndOnlyOnceThenResolvesAfterTwoReadyAnswers() {
        incidents.quarantined(WEB, "exit 1");
        incidents.quarantined(WEB, "exit 1 (trial failed)");
        incidents.ready(WEB);

        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(a.watcher()).isEqualTo("supervisor");
            assertThat(a.check()).isEqualTo("quarantine " + WEB);
            assertThat(a.detail()).contains("quarantined", "exit 1");
            assertThat(a.streak()).isEqualTo(1);
            assertThat(a.at()).isEqualTo(NOW);
        });
        assertThat(incidents.firing()).containsExactly("supervisor/quarantine " + WEB);

        incidents.ready(WEB);
        incidents.ready(WEB);

        assertThat(sent).extracting(Alert::status).containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
        assertThat(sent.get(1)).satisfies(a -> {
            assertThat(a.check()).isEqualTo("quarantine " + WEB);
            assertThat(a.streak()).isEqualTo(2);
            assertThat(a.detail()).isEqualTo("job '" + WEB + "' is READY again");
        });
        assertThat(incidents.firing()).isEmpty();
    }

    @Test
    void aFailedRestartFiresAtTheThirdFailedAttemptInARowAndAReadyAnswerStartsTheCountAgain() {
        incidents.restartFailed(WEB, 1, "Too many open files");
        incidents.restartFailed(WEB, 2, "Too many open files");
        incidents.ready(WEB);
        incidents.restartFailed(WEB, 1, "Too many open files");
        incidents.restartFailed(WEB, 2, "Too many open files");
        assertThat(sent).as("two failed attempts, then ready: no alert").isEmpty();

        incidents.restartFailed(WEB, 3, "Too many open files");
        incidents.restartFailed(WEB, 4, "Too many open files");

        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(a.check()).isEqualTo("restart " + WEB);
            assertThat(a.detail()).isEqualTo("restart of job '" + WEB + "' failed, attempt 3, retrying: Too many open files");
            assertThat(a.streak()).isEqualTo(3);
        });
        incidents.ready(WEB);
        incidents.ready(WEB);
        assertThat(sent).extracting(Alert::status).containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
    }

    @Test
    void aSpentHostBudgetFiresOnceHoweverOftenTheRestartIsDeferredAndResolvesAtTheFirstAllowedRestart() {
        for (int tick = 0; tick < 30; tick++) {
            incidents.restartDeferred(WEB);
        }
        assertThat(sent).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Alert.Status.FIRING);
            assertThat(a.check()).isEqualTo("host-budget");
            assertThat(a.detail()).contains("host restart budget spent", WEB);
        });

        incidents.restartAllowed("com.example.api");
        incidents.restartAllowed(WEB);

        assertThat(sent).extracting(Alert::status).containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
        assertThat(sent.get(1).detail()).contains("has room again", "com.example.api");
    }

    @Test
    void readyAnswersAndAllowedRestartsOfAHealthyFleetSendNothingAndKeepNothing() {
        for (int i = 0; i < 100; i++) {
            incidents.ready("com.example.job" + i);
            incidents.restartAllowed("com.example.job" + i);
        }

        assertThat(sent).isEmpty();
        assertThat(incidents.firing()).isEmpty();
    }

    @Test
    void anUncleanStopFiresAtStartAndResolvesOnceSettled() {
        incidents.uncleanStop("launchguard pid 4242 did not stop cleanly");
        incidents.settled("launchguard pid 5151 supervises again: 2 of 2 jobs READY");
        incidents.settled("launchguard pid 5151 supervises again: 2 of 2 jobs READY");

        assertThat(sent).extracting(Alert::status, Alert::check, Alert::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Alert.Status.FIRING, "launchguard", "launchguard pid 4242 did not stop cleanly"),
                org.assertj.core.groups.Tuple.tuple(Alert.Status.RESOLVED, "launchguard",
                        "launchguard pid 5151 supervises again: 2 of 2 jobs READY"));
    }

    @Test
    void aReloadKeepsWhatIsFiringAndItsNewThresholdsCount() {
        incidents.quarantined(WEB, "exit 1");

        incidents.reconfigure(alerts(3, 1));
        incidents.ready(WEB);

        assertThat(sent).extracting(Alert::status).containsExactly(Alert.Status.FIRING, Alert.Status.RESOLVED);
    }

    @Test
    void aJobRemovedAtAReloadWhileQuarantinedResolvesAsNoLongerSupervised() {
        incidents.quarantined(WEB, "exit 1");
        incidents.quarantined("com.example.api", "exit 1");
        incidents.restartDeferred(WEB);

        incidents.retain(Set.of("com.example.api"));

        assertThat(sent).filteredOn(a -> a.status() == Alert.Status.RESOLVED).singleElement().satisfies(a -> {
            assertThat(a.check()).isEqualTo("quarantine " + WEB);
            assertThat(a.detail()).isEqualTo("job no longer supervised");
        });
        assertThat(incidents.firing()).containsExactlyInAnyOrder("supervisor/quarantine com.example.api",
                "supervisor/host-budget");
    }
}
