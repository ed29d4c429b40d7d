package dev.launchguard.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Sends a signal with {@code kill -s SIG PID}, run as an argument array, never through a shell. */
public final class ProcessSignals {

    /** kill(1) answers at once; longer means something is badly wrong. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** kill(1) by absolute path: it is there on macOS and Linux alike, whatever PATH says. */
    private static final String KILL = "/bin/kill";

    private ProcessSignals() {
    }

    /** Empty when the signal was delivered, else why not. {@code signal} is a name without SIG: KILL, STOP. */
    public static Optional<String> send(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder(List.of(KILL, "-s", signal, Long.toString(pid))).redirectErrorStream(true).start();
        kill.getOutputStream().close();
        if (!kill.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill.destroyForcibly();
            return Optional.of("kill did not return within " + TIMEOUT.toSeconds() + " s");
        }
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return kill.exitValue() == 0 ? Optional.empty()
                : Optional.of("kill exited " + kill.exitValue() + (output.isEmpty() ? "" : ": " + output));
    }
}
