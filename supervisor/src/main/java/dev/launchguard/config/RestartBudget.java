package dev.launchguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The host-wide restart budget: at most {@code restarts} restarts of any jobs within {@code window},
 * so one shared fault (GPU, memory) cannot restart every service at once.
 */
public record RestartBudget(int restarts, Duration window) {

    public RestartBudget {
        Objects.requireNonNull(window, "window");
        if (restarts < 1) {
            throw new IllegalArgumentException("host restart budget must allow at least 1 restart, was " + restarts);
        }
    }
}
