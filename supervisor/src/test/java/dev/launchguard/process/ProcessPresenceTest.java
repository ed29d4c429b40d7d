package dev.launchguard.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.health.ProcessEvidence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessPresenceTest {

    /** A stat line as proc(5) gives it, with a command name that holds a space and a parenthesis. */
    private static final String STAT = "42 (my (server) x) %c 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 4 0 1234 "
            + "10000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

    @TempDir
    Path proc;

    @Test
    void aPidWithAStatLineRuns() throws IOException {
        write(42, String.format(STAT, 'S'));
        assertThat(of(42)).isInstanceOf(ProcessEvidence.Running.class);
    }

    @Test
    void aPidWithoutAFolderIsGone() {
        assertThat(of(42)).isInstanceOf(ProcessEvidence.Gone.class);
    }

    @Test
    void aZombieIsGone() throws IOException {
        write(42, String.format(STAT, 'Z'));
        assertThat(of(42)).isInstanceOf(ProcessEvidence.Gone.class);
    }

    @Test
    void aStatThatCannotBeReadIsUnknownNotGoneAndSaysWhy() throws IOException {
        // Reading a folder fails with EISDIR: a read error other than absence, as EMFILE or EACCES is.
        Files.createDirectories(proc.resolve("42").resolve("stat"));
        assertThat(of(42)).isInstanceOfSatisfying(ProcessEvidence.Unknown.class,
                u -> assertThat(u.reason()).startsWith(proc.resolve("42").resolve("stat").toString()));
    }

    @Test
    void aStatLineThatDoesNotParseIsUnknown() throws IOException {
        write(42, "garbage");
        assertThat(of(42)).isInstanceOfSatisfying(ProcessEvidence.Unknown.class,
                u -> assertThat(u.reason()).endsWith("holds no stat line"));
    }

    @Test
    void onThisMachineThisProcessRunsAndAPidThatCannotExistIsGone() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc")), "needs Linux's /proc");
        ProcessPresence system = ProcessPresence.system();
        assertThat(system.of(ProcessHandle.current().pid())).isInstanceOf(ProcessEvidence.Running.class);
        // Above PID_MAX_LIMIT (2^22) on every Linux.
        assertThat(system.of(Integer.MAX_VALUE)).isInstanceOf(ProcessEvidence.Gone.class);
    }

    private ProcessEvidence.Presence of(long pid) {
        return new ProcessPresence(Optional.of(proc)).of(pid);
    }

    private void write(long pid, String stat) throws IOException {
        Files.writeString(Files.createDirectories(proc.resolve(Long.toString(pid))).resolve("stat"), stat);
    }
}
