package dev.launchguard.cli;

import static dev.launchguard.cli.LiveFleet.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.Signal;
import dev.launchguard.process.Signals;
import dev.launchguard.recovery.RestartReason;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quarantine lifecycle end to end, with a real launchguard, engine and python3 job: a storm of
 * real crashes (SIGKILL) quarantines the job, the view says why, without a pid, and when the trial
 * comes; {@code launchguard reset}, {@code kickstart} and {@code enable} each bring it back READY
 * and supervised, its restarts forgotten.
 */
class QuarantineResetIT {

    @TempDir
    Path dir;

    private LiveFleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new LiveFleet(dir, false, "    storm: { maxRestarts: 3, window: 10m, backoff: 30m }\n");
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void aStormQuarantinesTheJobAndResetBringsItBackReadyAndSupervised() throws Exception {
        quarantineByCrashes();
        JobView quarantined = fleet.view();
        assertThat(quarantined.pid()).as("no pid for a process that is gone").isEmpty();
        assertThat(quarantined.hint()).hasValue("launchguard reset " + WEB);
        assertThat(quarantined.reason()).get().asString().contains("3 restarts within 600 s", "exited");
        assertThat(quarantined.quarantine()).get()
                .satisfies(q -> assertThat(q.trialAt()).isAfter(Instant.now().plus(Duration.ofMinutes(29))));
        // The view says QUARANTINED as the bootout begins; the bootout itself is verified teardown.
        await().atMost(Duration.ofSeconds(10)).until(() -> !fleet.launchguard.jobs().status(WEB).loaded());

        LiveFleet.Run run = fleet.cli("reset", WEB);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("reset " + WEB + ": READY in ");
        long pid = fleet.view().pid().orElseThrow();
        assertThat(run.out()).contains("pid " + pid);
        assertThat(fleet.view().state()).isEqualTo(HealthState.READY);
        assertThat(fleet.view().restarts()).last().satisfies(r -> assertThat(r.reason()).isEqualTo(RestartReason.MANUAL));
        assertThat(get()).isEqualTo(200);

        // Supervised again, with its restarts forgotten: one more crash is recovered, not quarantined.
        Signals.send(pid, Signal.KILL);
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view().state() == HealthState.READY
                && fleet.view().pid().isPresent() && fleet.view().pid().getAsLong() != pid);
    }

    @Test
    void kickstartAndEnableOfAQuarantinedJobBringItBackToo() throws Exception {
        quarantineByCrashes();
        LiveFleet.Run kickstart = fleet.cli("kickstart", WEB, "--json");
        assertThat(kickstart.exit()).as(kickstart.err()).isZero();
        assertThat(kickstart.out()).contains("\"ok\":true", "\"state\":\"READY\"");

        quarantineByCrashes();
        LiveFleet.Run enable = fleet.cli("enable", WEB);
        assertThat(enable.exit()).as(enable.err()).isZero();
        assertThat(enable.out()).startsWith("enabled " + WEB + ": READY in ");
        assertThat(get()).isEqualTo(200);
    }

    /** Three real crashes within the window: the third quarantines the job. */
    private void quarantineByCrashes() {
        for (int i = 1; i <= 3; i++) {
            long pid = fleet.view().pid().orElseThrow();
            Signals.send(pid, Signal.KILL);
            if (i < 3) {
                await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view().state() == HealthState.READY
                        && fleet.view().pid().isPresent() && fleet.view().pid().getAsLong() != pid);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view().state() == HealthState.QUARANTINED);
    }

    private int get() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + fleet.port + "/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
