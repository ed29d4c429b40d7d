package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecoveryRetryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theDelayDoublesFromOneSecondAndStopsAtThirtySeconds() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(RecoveryRetry::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(RecoveryRetry.delayAfter(Integer.MAX_VALUE)).isEqualTo(RecoveryRetry.MAX_DELAY);
    }

    @Test
    void eachFailureCountsAndIsDueAfterItsDelay() {
        RecoveryRetry first = RecoveryRetry.first("wedge", true, T0, "job 'a.b' could not be spawned");
        assertThat(first.failures()).isEqualTo(1);
        assertThat(first.due(T0.plusMillis(999))).isFalse();
        assertThat(first.due(T0.plusSeconds(1))).isTrue();

        RecoveryRetry second = first.failedAgain(T0.plusSeconds(1), "again");
        assertThat(second).extracting(RecoveryRetry::reason, RecoveryRetry::kill, RecoveryRetry::failures,
                RecoveryRetry::nextAt, RecoveryRetry::lastError)
                .containsExactly("wedge", true, 2, T0.plusSeconds(3), "again");
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRetryWithoutAFailureIsRefused() {
        assertThatThrownBy(() -> new RecoveryRetry("crash", false, 0, T0, "x"))
                .hasMessage("recovery retry 'crash' needs at least one failure, had 0");
    }
}
