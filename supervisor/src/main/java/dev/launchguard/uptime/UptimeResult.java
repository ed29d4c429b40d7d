package dev.launchguard.uptime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one ask of an endpoint found: whether it is up, how it answered, the earliest certificate
 * expiry anywhere in the chains served along the way, and every problem worth an alert.
 *
 * @param status the final answer's status, empty when none came
 * @param problems one line each (unreachable, a 4xx/5xx, a body mismatch, a certificate expiring soon); empty when healthy
 */
public record UptimeResult(String target, boolean up, OptionalInt status, Duration responseTime,
        Optional<Instant> earliestExpiry, List<String> problems) {

    public UptimeResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(responseTime, "responseTime");
        Objects.requireNonNull(earliestExpiry, "earliestExpiry");
        problems = List.copyOf(problems);
    }

    /** Up and with no certificate close to expiry. */
    public boolean healthy() {
        return problems.isEmpty();
    }
}
