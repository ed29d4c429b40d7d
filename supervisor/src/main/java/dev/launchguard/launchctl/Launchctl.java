package dev.launchguard.launchctl;

import dev.launchguard.job.JobManagerException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code /bin/launchctl} subcommands and types their outcome; the one place that knows that
 * success is "exit 0 and no failure message", because legacy load/unload exit 0 when they fail.
 */
final class Launchctl {

    static final String EXECUTABLE = "/bin/launchctl";

    private final ProcessRunner runner;
    private final Duration timeout;

    Launchctl(ProcessRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /** Runs {@code launchctl args...} on behalf of {@code label}; failures come back as data. */
    Outcome call(String label, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add(0, EXECUTABLE);
        try {
            ProcessRunner.Result result = runner.run(argv, timeout);
            // Some releases print errors on stdout; classify both, stderr first.
            String output = result.stderr() + (result.stderr().isEmpty() ? "" : "\n") + result.stdout();
            Optional<LaunchctlError> error = result.exitCode() == 0 && result.stderr().isBlank()
                    ? Optional.empty() : LaunchctlError.classify(result.exitCode(), output);
            return new Outcome(label, args[0], result, error.filter(LaunchctlError::failed));
        } catch (IOException e) {
            throw new JobManagerException(label, "launchctl " + args[0] + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobManagerException(label, "launchctl " + args[0] + " was interrupted");
        }
    }

    /** One call's result: the process output and, when it failed, why. */
    record Outcome(String label, String subcommand, ProcessRunner.Result result, Optional<LaunchctlError> error) {

        boolean failedWith(LaunchctlReason... reasons) {
            return error.isPresent() && List.of(reasons).contains(error.get().reason());
        }

        /** The output of a successful call; throws {@link LaunchctlException} for a failed one. */
        String stdoutOrThrow() {
            if (error.isPresent()) {
                throw new LaunchctlException(label, subcommand, error.get());
            }
            return result.stdout();
        }
    }
}
