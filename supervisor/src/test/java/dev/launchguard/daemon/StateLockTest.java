package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a refused start says about the launchguard holding the state folder (the lock itself: StateLockIT). */
class StateLockTest {

    @TempDir
    Path state;

    private Path lockFile(String content) throws IOException {
        return Files.writeString(state.resolve(StateLock.NAME), content);
    }

    private void runtimeFile(long pid) throws IOException {
        Files.writeString(state.resolve("runtime.json"), """
                {"pid": %d, "url": "http://127.0.0.1:9555", "tokenFile": "%s", "startedAt": "2026-12-07T10:00:00Z"}
                """.formatted(pid, state.resolve("token")));
    }

    @Test
    void namesTheHoldersPidAddressAndStartFromItsRuntimeFile() throws IOException {
        runtimeFile(4242);

        assertThat(StateLock.holder(state, lockFile("4242\n"))).isEqualTo("state folder '" + state
                + "' is in use by launchguard pid 4242 at http://127.0.0.1:9555 (started 2026-12-07T10:00:00Z)");
    }

    @Test
    void beforeTheHolderWroteItsRuntimeFileNamesThePidFromTheLockFile() throws IOException {
        assertThat(StateLock.holder(state, lockFile("4242\n")))
                .isEqualTo("state folder '" + state + "' is in use by launchguard pid 4242 (starting: no address yet)");
    }

    @Test
    void aRuntimeFileLeftByAnotherPidIsNotTheHolders() throws IOException {
        runtimeFile(1111);

        assertThat(StateLock.holder(state, lockFile("4242\n")))
                .isEqualTo("state folder '" + state + "' is in use by launchguard pid 4242 (starting: no address yet)");
    }

    @Test
    void anEmptyLockFileStillGivesTheRuntimeFilesAnswer() throws IOException {
        runtimeFile(4242);

        assertThat(StateLock.holder(state, lockFile(""))).startsWith("state folder '" + state
                + "' is in use by launchguard pid 4242 at http://127.0.0.1:9555");
    }

    @Test
    void aSecondAcquireInTheHoldingProcessIsRefused() {
        try (StateLock held = StateLock.acquire(state)) {
            assertThat(held).isNotNull();
            assertThatThrownBy(() -> StateLock.acquire(state))
                    .isInstanceOf(StateLock.InUseException.class)
                    .hasMessage("state folder '" + state + "' is in use by launchguard pid "
                            + ProcessHandle.current().pid() + " (this process)");
        }
    }
}
