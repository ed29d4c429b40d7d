package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clean-stop marker: what a killed instance leaves, what a clean stop removes. */
class RunMarkerTest {

    @TempDir
    Path state;

    @Test
    void aFolderWithoutAMarkerWasStoppedCleanlyOrNeverUsed() {
        assertThat(RunMarker.left(state)).isEmpty();
    }

    @Test
    void aMarkerWhoseProcessWasKilledIsReportedWithItsPidAndStart() throws Exception {
        Process killed = new ProcessBuilder("/bin/sleep", "60").start();
        Instant startedAt = Instant.now();
        RunMarker.write(state, killed.pid(), startedAt);
        killed.destroyForcibly();
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(RunMarker.left(state)).hasValueSatisfying(left -> {
            assertThat(left.pid()).isEqualTo(killed.pid());
            assertThat(left.startedAt()).hasValue(startedAt);
            assertThat(left.describe()).isEqualTo("launchguard pid " + killed.pid() + " (started " + startedAt
                    + ") did not stop cleanly");
        });
    }

    @Test
    void aMarkerOfAProcessStillRunningSinceBeforeItWasWrittenIsNoCrash() {
        RunMarker.write(state, ProcessHandle.current().pid(), Instant.now());

        assertThat(RunMarker.left(state)).isEmpty();
    }

    @Test
    void aCleanStopRemovesItsOwnMarkerOnlyAndTheFileIsPrivate() throws Exception {
        RunMarker first = RunMarker.write(state, 4242, Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(RunMarker.NAME))))
                .isEqualTo("rw-------");
        RunMarker.write(state, 5151, Instant.parse("2026-12-07T03:10:00Z"));

        first.remove();
        assertThat(state.resolve(RunMarker.NAME)).as("a newer instance's marker is left alone").isRegularFile();

        RunMarker.write(state, 6262, Instant.parse("2026-12-07T03:20:00Z")).remove();
        assertThat(state.resolve(RunMarker.NAME)).doesNotExist();
        assertThat(RunMarker.left(state)).isEmpty();
    }

    @Test
    void aGarbledMarkerIsStillAnUncleanStopWithoutAPid() throws Exception {
        Files.writeString(state.resolve(RunMarker.NAME), "not a pid\n");

        assertThat(RunMarker.left(state)).hasValueSatisfying(left -> {
            assertThat(left.pid()).isZero();
            assertThat(left.startedAt()).isEqualTo(Optional.empty());
            assertThat(left.describe()).isEqualTo("launchguard did not stop cleanly");
        });
    }
}
