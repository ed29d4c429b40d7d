package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.Signal;
import dev.launchguard.recovery.RestartReason;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorIT {

    private static final String WEB = "dev.launchguard.test.web";

    @TempDir
    Path dir;

    private FleetFixture fleet;
    private int port;

    @BeforeEach
    void start() throws Exception {
        fleet = new FleetFixture(dir);
        port = FleetFixture.freePort();
        fleet.watch(fleet.httpServer(WEB, port), "http://127.0.0.1:" + port + "/", FleetFixture.lenientStorm());
        fleet.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view(WEB).state() == HealthState.READY);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void killedJobComesBackReadyWithItsRespawnMeasured() {
        long old = fleet.view(WEB).pid().orElseThrow();
        ProcessHandle.of(old).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view(WEB).respawns().size() == 1
                && fleet.view(WEB).state() == HealthState.READY);
        JobView view = fleet.view(WEB);
        RespawnRecord respawn = view.respawns().get(0);
        assertThat(respawn.cause()).isEqualTo(RestartReason.CRASH);
        assertThat(respawn.oldPid()).hasValue(old);
        assertThat(view.pid().orElseThrow()).isNotEqualTo(old);
        assertThat(respawn.newPid()).isEqualTo(view.pid());
        assertThat(respawn.total()).isPositive();
        assertThat(respawn.total()).isGreaterThanOrEqualTo(respawn.spawnWait().plus(respawn.startToPort()));
        assertThat(view.restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.CRASH);
            assertThat(r.evidence()).contains("process " + old);
        });
        assertThat(fleet.supervisor.scrape())
                .contains("launchguard_restarts_total{label=\"" + WEB + "\",reason=\"crash\"} 1")
                .contains("launchguard_respawn_duration_seconds_count{label=\"" + WEB + "\"} 1");
    }

    @Test
    void stoppedProcessIsJudgedWedgedKilledAndReplaced() {
        long old = fleet.view(WEB).pid().orElseThrow();
        fleet.engine.signal(WEB, Signal.STOP);

        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view(WEB).respawns().size() == 1
                && fleet.view(WEB).state() == HealthState.READY);
        JobView view = fleet.view(WEB);
        assertThat(view.restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.WEDGE);
            assertThat(r.evidence()).isEqualTo("process " + old + " is stopped (state T) after 1 failed liveness probe");
            assertThat(r.oldPid()).hasValue(old);
        });
        assertThat(view.respawns().get(0).cause()).isEqualTo(RestartReason.WEDGE);
        assertThat(view.pid().orElseThrow()).isNotEqualTo(old);
        assertThat(ProcessHandle.of(old).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(fleet.supervisor.scrape())
                .contains("launchguard_restarts_total{label=\"" + WEB + "\",reason=\"wedge\"} 1")
                .contains("launchguard_wedge_detection_seconds_count{label=\"" + WEB + "\"} 1");
    }

    @Test
    void manualKickstartReplacesTheInstance() throws Exception {
        long old = fleet.view(WEB).pid().orElseThrow();
        fleet.supervisor.kickstart(WEB).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view(WEB).respawns().size() == 1
                && fleet.view(WEB).state() == HealthState.READY);
        assertThat(fleet.view(WEB).restarts()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(RestartReason.MANUAL));
        assertThat(fleet.view(WEB).pid().orElseThrow()).isNotEqualTo(old);
    }
}
