package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemProcessRunnerIT {

    private final SystemProcessRunner runner = new SystemProcessRunner();

    @Test
    void returnsExitCodeStdoutAndStderrSeparately() throws Exception {
        ProcessRunner.Result result = runner.run(
                List.of("/bin/sh", "-c", "echo 'Bootstrap failed: 5' >&2; echo out; exit 5"), Duration.ofSeconds(10));

        assertThat(result).isEqualTo(new ProcessRunner.Result(5, "out\n", "Bootstrap failed: 5\n"));
    }

    @Test
    void passesArgumentsWithoutAShell() throws Exception {
        ProcessRunner.Result result = runner.run(List.of("/bin/echo", "a b;", "$HOME"), Duration.ofSeconds(10));

        assertThat(result.stdout()).isEqualTo("a b; $HOME\n");
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> runner.run(List.of("/bin/sleep", "30"), Duration.ofMillis(300)))
                .isInstanceOf(IOException.class)
                .hasMessage("command '/bin/sleep 30' did not finish within PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
