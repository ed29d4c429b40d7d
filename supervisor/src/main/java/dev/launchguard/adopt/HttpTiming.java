package dev.launchguard.adopt;

import dev.launchguard.config.ConfigDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps launchguard's default liveness timing for an HTTP probe that answered well inside it, and
 * widens it for one that answered slowly, so a proposed probe does not fail on its first attempt.
 */
final class HttpTiming {

    /** An answer is given three times what it took during the survey. */
    static final int MARGIN = 3;
    private static final Duration TIMEOUT_STEP = Duration.ofMillis(100);
    private static final Duration INTERVAL_STEP = Duration.ofSeconds(1);

    private HttpTiming() {
    }

    static ProposedProbe fit(ProposedProbe probe, Optional<Exchange> answered) {
        if (answered.isEmpty()) {
            return probe;
        }
        Duration took = answered.get().took();
        Duration timeout = roundUp(took.multipliedBy(MARGIN), TIMEOUT_STEP);
        if (timeout.compareTo(ConfigDefaults.LIVENESS_TIMEOUT) <= 0) {
            return probe;
        }
        Duration interval = roundUp(timeout.multipliedBy(2), INTERVAL_STEP);
        return probe.timing(Optional.of(interval), Optional.of(timeout)).because(List.of("answered in "
                + Durations.took(took) + ", slower than the default timeout allows: timeout " + Durations.text(timeout)
                + " (" + MARGIN + "× that), interval " + Durations.text(interval)));
    }

    static Duration roundUp(Duration d, Duration step) {
        long steps = (d.toNanos() + step.toNanos() - 1) / step.toNanos();
        return step.multipliedBy(Math.max(1, steps));
    }
}
