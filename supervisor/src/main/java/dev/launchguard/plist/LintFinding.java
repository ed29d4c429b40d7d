package dev.launchguard.plist;

import dev.launchguard.logging.OneLine;
import java.util.Objects;

/**
 * One problem the linter found in a plist: how bad it is, where (file and key path) and what is
 * wrong with what is allowed instead.
 *
 * @param keyPath the key path of the bad value ({@code KeepAlive}, {@code ProgramArguments[0]}),
 *     empty when the whole file is at fault (it does not parse, its mode is wrong)
 */
public record LintFinding(Severity severity, String source, String keyPath, String problem) {

    /** Errors make launchd refuse or misrun the job; warnings are keys launchd ignores. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public LintFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(problem, "problem");
    }

    /** The finding in the house error format: {@code file: key path: problem}. */
    public String message() {
        return keyPath.isEmpty() ? OneLine.of(source) + ": " + OneLine.of(problem)
                : OneLine.of(source) + ": " + OneLine.of(keyPath) + ": "
                        + OneLine.of(problem);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
