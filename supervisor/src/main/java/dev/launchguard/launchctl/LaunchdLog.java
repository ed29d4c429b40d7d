package dev.launchguard.launchctl;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two launchd log messages launchguard's timing rests on, from syslog or {@code log show}
 * text: the throttle notice and the cleanup delay after a bootout. They are what the defaults in
 * {@link LaunchctlSettings} are checked against, and what an operator pastes when a respawn is late.
 */
final class LaunchdLog {

    // "(<label>): Service only ran for 0 seconds. Pushing respawn out by 10 seconds."
    // (log-throttle-respawn-syslog.txt)
    private static final Pattern THROTTLE = Pattern.compile(
            "\\(([^()]+)\\): Service only ran for (\\d{1,9}) seconds?\\. Pushing respawn out by (\\d{1,9}) seconds?\\.");
    // "signaled service: Terminated: 15 ... scheduling cleanup in 5 sec after sending Terminated: 15"
    // (log-bootout-then-bootstrap-race-macos27-PARTIAL.txt)
    private static final Pattern CLEANUP = Pattern.compile("scheduling cleanup in (\\d{1,9}) sec");

    private LaunchdLog() {
    }

    /** A respawn launchd held back because the instance ran for less than its ThrottleInterval. */
    record ThrottledRespawn(String label, Duration ranFor, Duration pushedOutBy) {
    }

    static Optional<ThrottledRespawn> throttle(String line) {
        Matcher throttle = THROTTLE.matcher(line);
        if (!throttle.find()) {
            return Optional.empty();
        }
        return Optional.of(new ThrottledRespawn(throttle.group(1), Duration.ofSeconds(Long.parseLong(throttle.group(2))),
                Duration.ofSeconds(Long.parseLong(throttle.group(3)))));
    }

    /** How long launchd waits after signalling a booted-out job before it cleans the service up. */
    static Optional<Duration> cleanupDelay(String log) {
        Matcher cleanup = CLEANUP.matcher(log);
        return cleanup.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(cleanup.group(1)))) : Optional.empty();
    }
}
