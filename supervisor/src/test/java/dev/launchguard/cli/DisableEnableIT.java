package dev.launchguard.cli;

import static dev.launchguard.cli.LiveFleet.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.health.HealthState;
import dev.launchguard.process.ProcessTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code launchguard disable} and {@code enable} against a real launchguard, engine and python3 job. */
class DisableEnableIT {

    @TempDir
    Path dir;

    private LiveFleet fleet;
    private final ProcessTable table = new ProcessTable();

    @BeforeEach
    void start() throws Exception {
        fleet = new LiveFleet(dir);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void disableTearsTheJobDownVerifiedAndLaunchguardLeavesItStopped() {
        long pid = fleet.view().pid().orElseThrow();

        LiveFleet.Run run = fleet.cli("disable", WEB);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("disabled " + WEB + ": teardown verified clean in ")
                .contains("  stopped pids:  " + pid + "\n")
                .contains("  survivors:     none\n")
                .contains("  ports freed:   " + fleet.port + "\n")
                .contains("  state:         DISABLED\n");
        assertThat(table.tagged(WEB)).isEmpty();
        assertThat(table.listeners(List.of(fleet.port))).isEmpty();
        // Five liveness intervals: a watcher that read the absence as a crash would restart it here.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> fleet.view().state() == HealthState.DISABLED && fleet.view().pid().isEmpty());
        assertThat(fleet.view().hint()).hasValue("launchguard enable " + WEB);
        assertThat(fleet.view().restarts()).isEmpty();
        assertThat(fleet.launchguard.jobs().status(WEB).loaded()).isFalse();
        assertThat(table.tagged(WEB)).isEmpty();
    }

    @Test
    void enableLoadsTheJobAgainAndItBecomesReady() {
        long pid = fleet.view().pid().orElseThrow();
        assertThat(fleet.cli("disable", WEB).exit()).isZero();

        LiveFleet.Run run = fleet.cli("enable", WEB);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("enabled " + WEB + ": READY in ");
        assertThat(fleet.view().state()).as("the command returned once the job was READY").isEqualTo(HealthState.READY);
        assertThat(run.out()).contains("pid " + fleet.view().pid().orElseThrow());
        assertThat(fleet.view().pid().orElseThrow()).isNotEqualTo(pid);
        assertThat(fleet.view().restarts()).isEmpty();
    }

    @Test
    void kickstartOfADisabledJobIsRefusedNamingTheFix() {
        assertThat(fleet.cli("disable", WEB).exit()).isZero();

        LiveFleet.Run run = fleet.cli("kickstart", WEB);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("launchguard kickstart: job '" + WEB + "' is disabled; run 'launchguard enable "
                + WEB + "' first\n");
        assertThat(fleet.view().state()).isEqualTo(HealthState.DISABLED);
    }

    @Test
    void aJobLeftDisabledIsDisabledWhenLaunchguardStartsAgainNotStopped() throws Exception {
        assertThat(fleet.cli("disable", WEB).exit()).isZero();
        fleet.close();

        fleet = new LiveFleet(dir, false, "", false);

        await().atMost(Duration.ofSeconds(10)).until(() -> fleet.view().state() == HealthState.DISABLED);
        assertThat(fleet.view().hint()).hasValue("launchguard enable " + WEB);
        LiveFleet.Run enable = fleet.cli("enable", WEB);
        assertThat(enable.exit()).as(enable.err()).isZero();
        assertThat(fleet.view().state()).isEqualTo(HealthState.READY);
    }

    @Test
    void kickstartWaitsForTheNewInstanceAndPrintsItsRespawn() {
        long pid = fleet.view().pid().orElseThrow();

        LiveFleet.Run run = fleet.cli("kickstart", WEB);

        assertThat(run.exit()).as(run.err()).isZero();
        long now = fleet.view().pid().orElseThrow();
        assertThat(now).isNotEqualTo(pid);
        assertThat(run.out()).startsWith("kickstarted " + WEB + ": READY in ").contains("pid " + pid + " -> " + now)
                .contains("  respawn ", "kill ", "port to ready ");
    }

    @Test
    void disableWithoutTheTokenFileExitsTwo() throws Exception {
        java.nio.file.Files.delete(fleet.state.resolve("token"));

        LiveFleet.Run run = fleet.cli("disable", WEB);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("launchguard disable: ");
        assertThat(fleet.view().state()).isEqualTo(HealthState.READY);
    }
}
