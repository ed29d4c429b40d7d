package dev.launchguard.launchctl;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing bounds of the launchctl procedures.
 *
 * @param commandTimeout how long one launchctl call may take before it is killed
 * @param unloadTimeout how long a bootout may take to be confirmed by {@code print} answering 113
 * @param pollInterval the pause between two {@code print} polls after a bootout
 * @param killTimeout how long SIGKILLed survivors of a bootout may take to disappear
 * @param bootstrapRetryWindow a bootstrap failing with 5 within this time after a bootout is retried
 * @param firstBackoff the first pause before retrying a bootstrap; doubled each time
 * @param retryBudget the total time bootstrap retries may take
 * @param runAtLoadGrace within this time after bootstrapping a RunAtLoad job, kickstart -k is not sent
 */
public record LaunchctlSettings(
        Duration commandTimeout,
        Duration unloadTimeout,
        Duration pollInterval,
        Duration killTimeout,
        Duration bootstrapRetryWindow,
        Duration firstBackoff,
        Duration retryBudget,
        Duration runAtLoadGrace) {

    public LaunchctlSettings {
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(unloadTimeout, "unloadTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(killTimeout, "killTimeout");
        Objects.requireNonNull(bootstrapRetryWindow, "bootstrapRetryWindow");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(retryBudget, "retryBudget");
        Objects.requireNonNull(runAtLoadGrace, "runAtLoadGrace");
    }

    public static LaunchctlSettings defaults() {
        return new LaunchctlSettings(
                Duration.ofSeconds(10),
                // ExitTimeOut defaults to 20 s (launchd.plist(5)): SIGTERM, then SIGKILL after 20 s.
                Duration.ofSeconds(30),
                Duration.ofMillis(100),
                Duration.ofSeconds(5),
                // launchd "scheduling cleanup in 5 sec" after a bootout
                // (log-bootout-then-bootstrap-race-macos27-PARTIAL.txt); twice that covers it.
                Duration.ofSeconds(10),
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                // launchd's default ThrottleInterval, 10 s: the RunAtLoad instance is still starting.
                Duration.ofSeconds(10));
    }
}
