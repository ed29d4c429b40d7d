package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.RestartCounts;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.recovery.RestartReason;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatchHistoryTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static RestartRecord restartAgo(Duration ago) {
        return new RestartRecord(NOW.minus(ago), RestartReason.CRASH, "process 1 exited", OptionalLong.of(1),
                java.util.Optional.empty());
    }

    @Test
    void countsTheRestartsOfTheLastHourAndDay() {
        WatchHistory history = new WatchHistory();
        history.restart(restartAgo(Duration.ofHours(30)));
        history.restart(restartAgo(Duration.ofHours(5)));
        history.restart(restartAgo(Duration.ofMinutes(59)));
        history.restart(restartAgo(Duration.ofMinutes(1)));

        assertThat(history.restartCounts(NOW)).isEqualTo(new RestartCounts(2, 3));
        assertThat(history.restartCounts(NOW.plus(Duration.ofHours(2)))).isEqualTo(new RestartCounts(0, 3));
        assertThat(history.restartCounts(NOW.plus(Duration.ofDays(2)))).isEqualTo(RestartCounts.NONE);
    }

    @Test
    void keepsCountingPastTheRestartsItShowsButBoundsWhatItKeeps() {
        WatchHistory history = new WatchHistory();
        for (int i = 0; i < WatchHistory.KEEP_TIMES + 10; i++) {
            history.restart(restartAgo(Duration.ofSeconds(WatchHistory.KEEP_TIMES + 10 - i)));
        }

        assertThat(history.restarts()).hasSize(WatchHistory.KEEP);
        assertThat(history.restartCounts(NOW).lastDay()).isEqualTo(WatchHistory.KEEP_TIMES);
    }
}
