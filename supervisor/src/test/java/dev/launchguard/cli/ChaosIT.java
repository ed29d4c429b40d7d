package dev.launchguard.cli;

import static dev.launchguard.cli.LiveFleet.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.health.HealthState;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code launchguard chaos kill|wedge} against a real launchguard running a python3 job. */
class ChaosIT {

    @TempDir
    Path dir;

    private LiveFleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new LiveFleet(dir);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void killThenWedgeEachEndReadyWithARespawnLatency() {
        long first = fleet.view().pid().orElseThrow();

        LiveFleet.Run kill = fleet.cli("chaos", "kill", WEB, "--timeout", "30");

        assertThat(kill.exit()).as(kill.err()).isZero();
        assertThat(kill.out()).startsWith("SIGKILL sent to " + WEB + " pid " + first + " at ")
                .contains(WEB + " is READY again: pid " + first + " -> ")
                .contains("(cause crash)")
                .containsPattern("respawn latency: +[0-9.]+ m?s")
                .contains("  phases:           detection ");
        long second = fleet.view().pid().orElseThrow();
        assertThat(second).isNotEqualTo(first);

        LiveFleet.Run wedge = fleet.cli("chaos", "wedge", WEB, "--timeout", "30");

        assertThat(wedge.exit()).as(wedge.err()).isZero();
        assertThat(wedge.out()).startsWith("SIGSTOP sent to " + WEB + " pid " + second + " at ")
                .contains("(cause wedge)")
                .containsPattern("respawn latency: +[0-9.]+ m?s");
        assertThat(fleet.view().state()).isEqualTo(HealthState.READY);
        assertThat(fleet.view().pid().orElseThrow()).isNotIn(first, second);
        assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aJobWithNoProcessIsRefused() {
        assertThat(fleet.cli("disable", WEB).exit()).isZero();

        LiveFleet.Run run = fleet.cli("chaos", "kill", WEB);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("launchguard chaos kill: job '" + WEB + "' has no running process (state DISABLED) "
                + "(run 'launchguard enable " + WEB + "')\n");
    }
}
