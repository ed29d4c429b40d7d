package dev.launchguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a job is brought back once judged wedged.
 *
 * @param fastInterval probe interval while waiting for the new instance to be ready (tens of ms)
 * @param readyBudget how long the new instance may take to become ready before the recovery failed
 * @param overloadGrace how long a busy (CPU-saturated) server that fails liveness is given before
 *     it is judged wedged after all; bounded so a livelock still ends in a restart
 */
public record RecoveryPolicy(Duration fastInterval, Duration readyBudget, Duration overloadGrace) {

    public RecoveryPolicy {
        Objects.requireNonNull(fastInterval, "fastInterval");
        Objects.requireNonNull(readyBudget, "readyBudget");
        Objects.requireNonNull(overloadGrace, "overloadGrace");
    }
}
