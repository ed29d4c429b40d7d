package dev.launchguard.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a drift file: every check's result in file order, how long the run took, and whether
 * the job manager could be asked at all.
 *
 * @param unreachable why the job manager could not be asked, when a check needed it and it did not answer
 */
public record DriftReport(Instant at, Duration elapsed, List<DriftResult> results, Optional<String> unreachable) {

    public DriftReport {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(elapsed, "elapsed");
        results = List.copyOf(results);
        Objects.requireNonNull(unreachable, "unreachable");
    }

    public boolean allPassed() {
        return results.stream().allMatch(DriftResult::ok);
    }

    public long failures() {
        return results.stream().filter(r -> !r.ok()).count();
    }
}
