package dev.launchguard.launchctl;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs one external command from an argument array (never through a shell, so no label or path
 * is ever re-parsed) and returns what it printed.
 */
public interface ProcessRunner {

    /**
     * Runs {@code argv} to completion or until {@code timeout}, then kills it.
     *
     * @throws IOException when the command cannot start or does not finish within {@code timeout}
     */
    Result run(List<String> argv, Duration timeout) throws IOException, InterruptedException;

    /** What a finished command returned. */
    record Result(int exitCode, String stdout, String stderr) {
        public Result {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }
    }
}
