package dev.launchguard.launchctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed (or half-failed) {@code launchctl} call said, typed: the launchd error code, what it
 * means on a real Mac, and the line that said it.
 *
 * <p>The code comes from the text when launchctl prints one ({@code Bootstrap failed: 5: ...}),
 * because legacy {@code load}/{@code unload} print a failure yet exit 0 (error-load-5-monterey.txt,
 * error-unload-5.txt); otherwise from the exit status.
 *
 * @param exitCode the exit status of the launchctl process (0 for a legacy load that failed)
 * @param code the launchd error code: the number in the text, else the exit status
 * @param line the 1-based line of the output that carries the message
 * @param hints launchctl's advice lines, such as "Try re-running the command as root for richer errors."
 */
public record LaunchctlError(int exitCode, int code, LaunchctlReason reason, String message, int line,
        List<String> hints) {

    // "Bootstrap failed: 5: Input/output error", "Boot-out failed: 3: No such process",
    // "Load failed: 122: ...", "Could not kickstart service: 150: ..." (the fixtures error-*.txt).
    private static final Pattern NUMBERED = Pattern.compile("^(.+?(?:failed|service)): (\\d{1,9}): (.+)$");
    private static final Pattern NOT_FOUND = Pattern.compile("^Could not find service \"(.+)\" in domain for.*$");
    private static final Pattern NO_DOMAIN = Pattern.compile("^Could not find domain for.*$");
    private static final Pattern UNRECOGNIZED = Pattern.compile("^Unrecognized subcommand: .+$");
    private static final Pattern WARNING = Pattern.compile("^Warning: .+$");
    private static final Pattern HINT = Pattern.compile("^(Try .+|`launchctl \\w+` is a recommended alternative\\.)$");

    public LaunchctlError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        hints = List.copyOf(hints);
    }

    /**
     * Classifies one launchctl call's outcome from its exit status and its stderr (and stdout: some
     * releases print errors there). Empty when the call succeeded and said nothing alarming.
     */
    public static Optional<LaunchctlError> classify(int exitCode, String output) {
        String[] lines = output.split("\\R");
        List<String> hints = new ArrayList<>();
        for (String line : lines) {
            if (HINT.matcher(line.strip()).matches()) {
                hints.add(line.strip());
            }
        }
        for (int i = 0; i < lines.length; i++) {
            Optional<LaunchctlError> error = recognised(exitCode, lines[i].strip(), i + 1, hints);
            if (error.isPresent()) {
                return error;
            }
        }
        if (exitCode == 0) {
            return Optional.empty();
        }
        int first = firstNonBlank(lines);
        String message = first < lines.length ? lines[first].strip() : "(no output)";
        return Optional.of(new LaunchctlError(exitCode, exitCode, LaunchctlReason.ofCode(exitCode), message,
                Math.min(first, lines.length - 1) + 1, hints));
    }

    /** A failure message anywhere in {@code text}, as pasted output carries no exit status. */
    public static Optional<LaunchctlError> recognise(String text) {
        return classify(0, text).filter(LaunchctlError::failed);
    }

    /** False for a warning that launchctl printed beside doing the work (warning-load-agent-as-root.txt). */
    public boolean failed() {
        return reason != LaunchctlReason.WARNING;
    }

    private static Optional<LaunchctlError> recognised(int exitCode, String line, int number, List<String> hints) {
        Matcher numbered = NUMBERED.matcher(line);
        if (numbered.matches()) {
            int code = Integer.parseInt(numbered.group(2));
            return Optional.of(new LaunchctlError(exitCode, code, LaunchctlReason.ofCode(code), line, number, hints));
        }
        LaunchctlReason reason = null;
        int code = exitCode;
        if (NOT_FOUND.matcher(line).matches()) {
            // The text carries no number; the exit status is 113 (error-kickstart-not-loaded-113.txt).
            reason = LaunchctlReason.NOT_FOUND;
            code = LaunchctlReason.NOT_FOUND.code();
        } else if (NO_DOMAIN.matcher(line).matches()) {
            reason = LaunchctlReason.NO_DOMAIN;
        } else if (UNRECOGNIZED.matcher(line).matches()) {
            reason = LaunchctlReason.UNRECOGNIZED_SUBCOMMAND;
        } else if (WARNING.matcher(line).matches()) {
            reason = LaunchctlReason.WARNING;
        }
        return reason == null ? Optional.empty()
                : Optional.of(new LaunchctlError(exitCode, code, reason, line, number, hints));
    }

    private static int firstNonBlank(String[] lines) {
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        return i;
    }
}
