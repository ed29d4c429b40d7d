package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A watcher's one chain of ticks, on manual time. */
class TickChainTest {

    private final ManualTime time = new ManualTime();
    private final List<Long> ran = new ArrayList<>();
    private final TickChain ticks = new TickChain("com.example.web", new SerialScheduler("com.example.web", time, time),
            () -> ran.add(time.nanos().getAsLong()));

    @Test
    void aNewTickReplacesThePendingOne() {
        ticks.later(Duration.ofSeconds(1));
        ticks.later(Duration.ofMillis(200));

        time.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly(Duration.ofMillis(200).toNanos());
    }

    @Test
    void laterUnlessPendingLeavesAPendingTickAlone() {
        ticks.later(Duration.ZERO);
        ticks.laterUnlessPending(Duration.ofSeconds(1));
        time.advance(Duration.ofMillis(10));
        assertThat(ran).containsExactly(0L);

        ticks.laterUnlessPending(Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly(0L, Duration.ofMillis(1010).toNanos());
    }

    @Test
    void aCutDropsTheTickOfTheOldEpochAndAProbeAnswerFromIt() {
        ticks.later(Duration.ofSeconds(1));
        long before = ticks.epoch();
        ticks.cut();

        time.advance(Duration.ofSeconds(5));

        assertThat(ran).isEmpty();
        assertThat(ticks.current(before)).isFalse();
        assertThat(ticks.current(ticks.epoch())).isTrue();
    }

    @Test
    void aFailedStepIsLookedAtAgainAfterTheIdlePollAndAClosedChainSchedulesNothing() {
        ticks.guarded(v -> {
            throw new IllegalStateException("boom");
        }).accept(null);
        time.advance(TickChain.IDLE_POLL);
        assertThat(ran).containsExactly(TickChain.IDLE_POLL.toNanos());

        ticks.close();
        ticks.later(Duration.ZERO);
        time.advance(Duration.ofSeconds(5));
        assertThat(ran).hasSize(1);
    }
}
