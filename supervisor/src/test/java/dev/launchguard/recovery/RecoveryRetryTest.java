package dev.launchguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecoveryRetryTest {

    private static final long T0 = 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theDelayDoublesFromOneSecondAndStopsAtThirtySeconds() {
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(RecoveryRetry::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(RecoveryRetry.delayAfter(Integer.MAX_VALUE)).isEqualTo(RecoveryRetry.MAX_DELAY);
    }

    @Test
    void eachFailureCountsAndIsDueAfterItsDelay() {
        RecoveryRetry first = RecoveryRetry.first(RestartReason.WEDGE, true, T0, "job 'a.b' could not be spawned");
        assertThat(first.failures()).isEqualTo(1);
        assertThat(first.due(T0 + 999_000_000L)).isFalse();
        assertThat(first.due(T0 + SECOND)).isTrue();

        RecoveryRetry second = first.failedAgain(T0 + SECOND, "again");
        assertThat(second).extracting(RecoveryRetry::reason, RecoveryRetry::kill, RecoveryRetry::failures,
                RecoveryRetry::nextAtNanos, RecoveryRetry::lastError)
                .containsExactly(RestartReason.WEDGE, true, 2, T0 + 3 * SECOND, "again");
        assertThat(second.delay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRetryWithoutAFailureIsRefused() {
        assertThatThrownBy(() -> new RecoveryRetry(RestartReason.CRASH, false, 0, T0, "x"))
                .hasMessage("recovery retry 'crash' needs at least one failure, had 0");
    }
}
