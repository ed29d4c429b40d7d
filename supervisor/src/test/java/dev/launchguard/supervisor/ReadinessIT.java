package dev.launchguard.supervisor;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.probe.ProbeRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.health.HealthState;
import dev.launchguard.probe.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness says "serving or not"; it must never restart anything by itself. */
class ReadinessIT {

    private static final String WEB = "dev.launchguard.test.notready";

    @TempDir
    Path dir;

    private FleetFixture fleet;

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void failingReadinessWithHealthyLivenessNeverRestarts() throws Exception {
        fleet = new FleetFixture(dir);
        int port = FleetFixture.freePort();
        fleet.startupBudget = Duration.ofSeconds(3);
        // Liveness on a page that exists, readiness on one that does not (404): alive, never ready.
        fleet.watch(fleet.httpServer(WEB, port), "http://127.0.0.1:" + port + "/",
                Optional.of("http://127.0.0.1:" + port + "/ready-file-that-does-not-exist"), FleetFixture.lenientStorm());
        fleet.start();
        long pid = fleet.engine.status(WEB).pid().orElseThrow();

        // Past twice the 3 s startup budget (the most a loading process is given), with liveness answering: nothing is restarted, the job is
        // still starting (alive, not ready).
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ProbeView r = fleet.view(WEB).lastProbes().get(ProbeRole.READINESS);
            return r != null && r.outcome() == Outcome.DOWN && r.consecutiveFailures() >= 60;
        });
        JobView view = fleet.view(WEB);
        assertThat(view.restarts()).isEmpty();
        assertThat(view.state()).isEqualTo(HealthState.STARTING);
        assertThat(view.pid()).hasValue(pid);
        assertThat(fleet.supervisor.scrape())
                .contains("launchguard_restarts_total{label=\"" + WEB + "\",reason=\"crash\"} 0.0")
                .contains("launchguard_restarts_total{label=\"" + WEB + "\",reason=\"wedge\"} 0.0");
    }
}
