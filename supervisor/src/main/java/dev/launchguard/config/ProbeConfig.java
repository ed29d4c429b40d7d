package dev.launchguard.config;

import dev.launchguard.probe.ProbeSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * One probe role of a job: what to probe and how often.
 *
 * @param spec the target
 * @param interval time between attempts
 * @param timeout each attempt's single deadline; always shorter than {@code interval}
 * @param failureThreshold consecutive failures that count (open a case, or mark not ready)
 * @param successThreshold consecutive successes that clear it
 */
public record ProbeConfig(ProbeSpec spec, Duration interval, Duration timeout, int failureThreshold,
        int successThreshold) {

    public ProbeConfig {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(interval) >= 0) {
            throw new IllegalArgumentException("probe '" + spec.target() + "' timeout " + timeout
                    + " must be shorter than interval " + interval);
        }
        if (failureThreshold < 1 || successThreshold < 1) {
            throw new IllegalArgumentException("probe '" + spec.target() + "' thresholds must be at least 1");
        }
    }
}
