package dev.launchguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The per-job storm guard: at most {@code maxRestarts} within {@code window}, then the job is
 * quarantined and retried once (half-open) after {@code backoff}.
 */
public record StormPolicy(int maxRestarts, Duration window, Duration backoff) {

    public StormPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(backoff, "backoff");
        if (maxRestarts < 1) {
            throw new IllegalArgumentException("storm maxRestarts must be at least 1, was " + maxRestarts);
        }
    }
}
