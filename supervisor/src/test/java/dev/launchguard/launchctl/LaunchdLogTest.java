package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaunchdLogTest {

    @Test
    void readsTheThrottledRespawnFromASyslogLine() {
        assertThat(LaunchdLog.throttle(Fixtures.output("log-throttle-respawn-syslog.txt")))
                .contains(new LaunchdLog.ThrottledRespawn("com.apple.preference.displays.MirrorDisplays",
                        Duration.ZERO, Duration.ofSeconds(10)));
    }

    @Test
    void retriesBootstrapForLongerThanLaunchdsCleanupDelayAfterBootout() {
        Duration cleanup = LaunchdLog.cleanupDelay(Fixtures.output("log-bootout-then-bootstrap-race-macos27-PARTIAL.txt"))
                .orElseThrow();

        assertThat(cleanup).isEqualTo(Duration.ofSeconds(5));
        assertThat(LaunchctlSettings.defaults().bootstrapRetryWindow()).isGreaterThan(cleanup);
        assertThat(LaunchctlSettings.defaults().retryBudget()).isGreaterThan(cleanup);
    }

    @Test
    void keepsTheRunAtLoadGraceAtLeastTheDefaultThrottle() {
        Duration throttle = LaunchdLog.throttle(Fixtures.output("log-throttle-respawn-syslog.txt")).orElseThrow()
                .pushedOutBy();

        assertThat(LaunchctlSettings.defaults().runAtLoadGrace()).isGreaterThanOrEqualTo(throttle);
    }

    @Test
    void ignoresOtherLines() {
        assertThat(LaunchdLog.throttle("launchd: entering bootstrap")).isEmpty();
        assertThat(LaunchdLog.cleanupDelay("launchd: entering bootstrap")).isEmpty();
    }
}
