package dev.launchguard.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.launchguard.job.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** kill(2) through JNA against a real {@code sleep 60}, its state read back from /proc. */
@EnabledOnOs(OS.LINUX)
class SignalsIT {

    private static final Duration BOUND = Duration.ofSeconds(10);
    private Process sleep;

    @BeforeEach
    void startSleep() throws IOException {
        sleep = new ProcessBuilder("sleep", "60").start();
    }

    @AfterEach
    void stopSleep() {
        sleep.destroyForcibly();
    }

    @Test
    void stopsAndContinuesAProcessByName() {
        assertThat(Signals.send(sleep.pid(), Signal.STOP)).isTrue();
        await().atMost(BOUND).until(() -> state(sleep.pid()) == 'T');

        assertThat(Signals.send(sleep.pid(), Signal.CONT)).isTrue();
        await().atMost(BOUND).until(() -> state(sleep.pid()) == 'S' || state(sleep.pid()) == 'R');
    }

    @Test
    void termEndsTheProcessWithSigterm() throws Exception {
        assertThat(Signals.send(sleep.pid(), Signal.TERM)).isTrue();

        await().atMost(BOUND).until(() -> !sleep.isAlive());
        assertThat(sleep.exitValue()).isEqualTo(128 + 15);
    }

    @Test
    void killEndsEvenAStoppedProcessWithSigkill() throws Exception {
        Signals.send(sleep.pid(), Signal.STOP);
        await().atMost(BOUND).until(() -> state(sleep.pid()) == 'T');

        assertThat(Signals.send(sleep.pid(), Signal.KILL)).isTrue();

        await().atMost(BOUND).until(() -> !sleep.isAlive());
        assertThat(sleep.exitValue()).isEqualTo(128 + 9);
    }

    @Test
    void aProcessThatIsGoneIsFalseNotAnError() throws Exception {
        sleep.destroyForcibly().waitFor();

        assertThat(Signals.send(sleep.pid(), Signal.TERM)).isFalse();
        assertThat(Signals.send(Integer.MAX_VALUE, Signal.KILL)).as("beyond pid_max").isFalse();
    }

    @Test
    void refusesAPidThatKillWouldReadAsAGroup() {
        assertThatThrownBy(() -> Signals.send(0, Signal.KILL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("process '0' is not a process ID; cannot send SIGKILL");
        assertThatThrownBy(() -> Signals.send(-1, Signal.KILL)).hasMessage(
                "process '-1' is not a process ID; cannot send SIGKILL");
    }

    @Test
    void usesThisOsNumbers() {
        assertThat(Signals.number(Signal.STOP)).isEqualTo(19);
        assertThat(Signals.number(Signal.CONT)).isEqualTo(18);
        assertThat(Signals.number(Signal.USR1)).isEqualTo(10);
        assertThat(Signals.number(Signal.TERM)).isEqualTo(15);
    }

    /** The state letter of /proc/PID/stat; 'X' once the entry is gone. */
    private static char state(long pid) throws IOException {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return Zombies.parse(stat).orElseThrow().state();
        } catch (NoSuchFileException e) {
            return 'X';
        }
    }
}
