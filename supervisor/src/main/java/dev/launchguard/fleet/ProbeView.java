package dev.launchguard.fleet;

import dev.launchguard.probe.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/** The latest attempt of one probe role, as the API shows it. */
public record ProbeView(String target, Outcome outcome, Instant at, Duration duration, OptionalInt status,
        String detail, int consecutiveFailures) {

    public ProbeView {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
