package dev.launchguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.RestartBudget;
import dev.launchguard.config.StormPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StormGuardTest {

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final StormGuard guard = new StormGuard(new RestartBudget(100, Duration.ofMinutes(1)), clock,
            new SimpleMeterRegistry());

    @Test
    void quarantinesOnTheKthRestartWithinTheWindow() {
        guard.register("com.example.loop", new StormPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        assertThat(guard.beforeRestart("com.example.loop", false)).isEqualTo(RestartDecision.ALLOWED);
        clock.advance(Duration.ofSeconds(5));
        assertThat(guard.beforeRestart("com.example.loop", false)).isEqualTo(RestartDecision.ALLOWED);
        clock.advance(Duration.ofSeconds(5));
        assertThat(guard.beforeRestart("com.example.loop", false)).isEqualTo(RestartDecision.QUARANTINE);
        assertThat(guard.beforeRestart("com.example.loop", false)).isEqualTo(RestartDecision.QUARANTINE);
    }

    @Test
    void restartsSpreadWiderThanTheWindowNeverQuarantine() {
        guard.register("com.example.ok", new StormPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        for (int i = 0; i < 10; i++) {
            assertThat(guard.beforeRestart("com.example.ok", true)).isEqualTo(RestartDecision.ALLOWED);
            clock.advance(Duration.ofSeconds(31));
        }
    }

    @Test
    void afterTheBackoffOneTrialGoesThroughAndAHeldRecoveryReleasesTheJob() {
        guard.register("com.example.loop", new StormPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        guard.beforeRestart("com.example.loop", false);
        assertThat(guard.beforeRestart("com.example.loop", false)).isEqualTo(RestartDecision.QUARANTINE);
        clock.advance(Duration.ofMinutes(4));
        assertThat(guard.retryDue("com.example.loop")).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(guard.retryDue("com.example.loop")).isTrue();
        assertThat(guard.beforeRestart("com.example.loop", true)).isEqualTo(RestartDecision.ALLOWED);
        guard.recovered("com.example.loop");
        assertThat(guard.retryDue("com.example.loop")).isFalse();
        assertThat(guard.beforeRestart("com.example.loop", true)).isEqualTo(RestartDecision.ALLOWED);
    }

    @Test
    void aFailedTrialQuarantinesAgainForAnotherBackoff() {
        guard.register("com.example.loop", new StormPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(5)));
        guard.beforeRestart("com.example.loop", false);
        guard.beforeRestart("com.example.loop", false);
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.retryDue("com.example.loop")).isTrue();
        assertThat(guard.beforeRestart("com.example.loop", true)).isEqualTo(RestartDecision.ALLOWED);
        assertThat(guard.beforeRestart("com.example.loop", false)).isEqualTo(RestartDecision.QUARANTINE);
        assertThat(guard.retryDue("com.example.loop")).isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.retryDue("com.example.loop")).isTrue();
    }

    @Test
    void hostBudgetDefersLaunchguardRestartsAcrossJobs() {
        StormGuard tight = new StormGuard(new RestartBudget(2, Duration.ofMinutes(1)), clock, new SimpleMeterRegistry());
        for (String label : new String[] {"com.example.a", "com.example.b", "com.example.c"}) {
            tight.register(label, new StormPolicy(5, Duration.ofMinutes(10), Duration.ofMinutes(5)));
        }
        assertThat(tight.beforeRestart("com.example.a", true)).isEqualTo(RestartDecision.ALLOWED);
        assertThat(tight.beforeRestart("com.example.b", true)).isEqualTo(RestartDecision.ALLOWED);
        assertThat(tight.beforeRestart("com.example.c", true)).isEqualTo(RestartDecision.DEFERRED);
        // A crash respawned by the job manager is not launchguard's restart: the budget does not apply.
        assertThat(tight.beforeRestart("com.example.c", false)).isEqualTo(RestartDecision.ALLOWED);
        clock.advance(Duration.ofSeconds(61));
        assertThat(tight.beforeRestart("com.example.c", true)).isEqualTo(RestartDecision.ALLOWED);
    }

    @Test
    void hostBudgetRemainingCountsLaunchguardRestartsWithinTheWindow() {
        StormGuard tight = new StormGuard(new RestartBudget(2, Duration.ofMinutes(1)), clock, new SimpleMeterRegistry());
        tight.register("com.example.a", new StormPolicy(5, Duration.ofMinutes(10), Duration.ofMinutes(5)));
        assertThat(tight.hostBudgetSize()).isEqualTo(2);
        assertThat(tight.hostBudgetRemaining()).isEqualTo(2);
        tight.beforeRestart("com.example.a", true);
        tight.beforeRestart("com.example.a", false);
        assertThat(tight.hostBudgetRemaining()).as("a crash the job manager respawned is not charged").isEqualTo(1);
        tight.beforeRestart("com.example.a", true);
        tight.beforeRestart("com.example.a", true);
        assertThat(tight.hostBudgetRemaining()).isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(tight.hostBudgetRemaining()).as("the window has passed").isEqualTo(2);
    }
}
