package dev.launchguard.uptime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One run of an uptime file: every target's result in file order, and how long the run took. */
public record UptimeReport(Instant at, Duration elapsed, List<UptimeResult> results) {

    public UptimeReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(elapsed, "elapsed");
        results = List.copyOf(results);
    }

    public long unhealthy() {
        return results.stream().filter(r -> !r.healthy()).count();
    }
}
