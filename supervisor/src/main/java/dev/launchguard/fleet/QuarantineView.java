package dev.launchguard.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Why and since when a job is quarantined, and when launchguard tries it once more by itself.
 *
 * @param since when the storm guard tripped (or the last trial failed)
 * @param evidence the restart that was one too many: its evidence
 * @param maxRestarts the storm guard's limit that was reached
 * @param window the storm guard's window those restarts fell in
 * @param trialAt when the backoff is over and one trial restart is due; the job is looked at once per
 *     idle poll, so the trial starts at most a second later
 */
public record QuarantineView(Instant since, String evidence, int maxRestarts, Duration window, Instant trialAt) {

    public QuarantineView {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(trialAt, "trialAt");
    }
}
