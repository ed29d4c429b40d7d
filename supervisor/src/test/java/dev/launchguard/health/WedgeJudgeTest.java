package dev.launchguard.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WedgeJudgeTest {

    private static final long MS = 1_000_000L;
    private static final Duration GRACE = Duration.ofSeconds(30);
    private final WedgeJudge judge = new WedgeJudge();

    private static ProcessSample sample(char state, long cpuMillis, long rssBytes, long atMillis) {
        return new ProcessSample(42, state, Duration.ofMillis(cpuMillis), rssBytes, atMillis * MS);
    }

    @Test
    void stoppedProcessIsWedgedOnTheFirstFailure() {
        WedgeVerdict v = judge.liveness(1, 3, false, sample('T', 500, 1, 0), sample('T', 500, 1, 300), GRACE);
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.WEDGED);
        assertThat(v.evidence()).isEqualTo("process 42 is stopped (state T) after 1 failed liveness probe");
    }

    @Test
    void waitsForTheThresholdBeforeJudgingARunningProcess() {
        WedgeVerdict v = judge.liveness(2, 3, false, sample('S', 500, 1, 0), sample('S', 500, 1, 500), GRACE);
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.WAIT);
        assertThat(v.evidence()).isEqualTo("2 of 3 liveness failures");
    }

    @Test
    void noCpuProgressAcrossTheFailuresIsADeadlock() {
        // 10 ms of CPU over 1 s: GC noise, no work.
        WedgeVerdict v = judge.liveness(3, 3, false, sample('S', 500, 1, 0), sample('S', 510, 1, 1000), GRACE);
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.WEDGED);
        assertThat(v.evidence()).isEqualTo(
                "no CPU progress across 3 liveness failures (1.0% of a core over 1000 ms, state S): deadlocked");
    }

    @Test
    void busyProcessGetsGraceNotARestart() {
        WedgeVerdict v = judge.liveness(3, 3, false, sample('R', 500, 1, 0), sample('R', 1450, 1, 1000), GRACE);
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.GRACE);
        assertThat(v.evidence()).isEqualTo("busy, not wedged: 95.0% of a core over 1000 ms across 3 failures; grace 30s");
    }

    @Test
    void silentButNotBusyIsUnresponsive() {
        // 200 ms of CPU over 1 s: a JIT thread finishing while the event loop is blocked.
        WedgeVerdict v = judge.liveness(3, 3, false, sample('S', 500, 1, 0), sample('S', 700, 1, 1000), GRACE);
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.WEDGED);
        assertThat(v.evidence()).isEqualTo(
                "no answer across 3 liveness failures while not busy (20.0% of a core over 1000 ms): unresponsive");
    }

    @Test
    void failingAnswersAreNotGivenBusyGrace() {
        WedgeVerdict v = judge.liveness(3, 3, true, sample('R', 500, 1, 0), sample('R', 1450, 1, 1000), GRACE);
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.WEDGED);
        assertThat(v.evidence()).isEqualTo("liveness answered but failed 3 times in a row (95.0% of a core over 1000 ms)");
    }

    @Test
    void graceIsBounded() {
        WedgeVerdict v = judge.liveness(61, 3, false, sample('R', 0, 1, 0), sample('R', 29_000, 1, 30_000), GRACE);
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.WEDGED);
        assertThat(v.evidence()).startsWith("still failing liveness after the 30s overload grace (96.7% of a core");
    }

    @Test
    void startupWithinBudgetWaits() {
        WedgeVerdict v = judge.startup(Duration.ofSeconds(10), Duration.ofSeconds(120), sample('R', 0, 0, 0),
                sample('R', 9000, 500_000_000, 10_000));
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.WAIT);
    }

    @Test
    void loadingPastTheBudgetWithGrowingMemoryIsProgress() {
        WedgeVerdict v = judge.startup(Duration.ofSeconds(130), Duration.ofSeconds(120), sample('D', 1000, 100L << 20, 120_000),
                sample('D', 1005, 300L << 20, 130_000));
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.GRACE);
        assertThat(v.evidence()).startsWith("still loading past the 120s startup budget");
    }

    @Test
    void startupWithNoProgressPastTheBudgetIsWedged() {
        WedgeVerdict v = judge.startup(Duration.ofSeconds(121), Duration.ofSeconds(120), sample('S', 1000, 100, 111_000),
                sample('S', 1000, 100, 121_000));
        assertThat(v.kind()).isEqualTo(WedgeVerdict.Kind.WEDGED);
        assertThat(v.evidence()).startsWith("not ready after 121s (startup budget 120s): no progress");
    }

    @Test
    void stoppedWhileStartingIsWedgedAtOnce() {
        WedgeVerdict v = judge.startup(Duration.ofSeconds(1), Duration.ofSeconds(120), sample('R', 0, 0, 0),
                sample('T', 10, 0, 1000));
        assertThat(v.isWedged()).isTrue();
    }
}
