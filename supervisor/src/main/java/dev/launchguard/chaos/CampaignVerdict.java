package dev.launchguard.chaos;

import dev.launchguard.time.Latency;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a campaign found at its end, the {@code verdict} line of the results: whether every fault was
 * recovered from within the respawn target, and nothing was left behind or restarted without cause.
 *
 * @param allReady every job READY at the end
 * @param orphans processes carrying a job's tag outside its current instance (its tree and its instance tag)
 * @param squatters listeners on a job's port that are neither its instance nor tagged as the job's
 * @param duplicates second instances: a stray running the same command line as the job's instance
 * @param unprovokedRestarts restarts launchguard made or saw that no injected fault explains
 * @param notReady the jobs not READY at the end, each with its state (results written before it was
 *     recorded read as empty)
 * @param target the respawn target the campaign was judged against
 * @param overTarget every recovered event whose respawn took longer than {@code target}, in event order
 */
public record CampaignVerdict(Instant endedAt, int events, int recovered, boolean allReady, List<Stray> orphans,
        List<Stray> squatters, List<Duplicate> duplicates, List<UnprovokedRestart> unprovokedRestarts,
        List<String> notReady, Duration target, List<SlowRespawn> overTarget) {

    /** The respawn target when none is given: launchguard's promise, a job back within 15 s. */
    public static final Duration DEFAULT_TARGET = Duration.ofSeconds(15);

    /** A process that should not be there, and why it is counted. */
    public record Stray(String label, long pid, int port, String command) {
        /** {@code port} is 0 unless the process squats one. */
        public Stray {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(command, "command");
        }
    }

    /** A job running twice: its instance and a stray with the same command line. */
    public record Duplicate(String label, List<Long> pids, String command) {
        public Duplicate {
            Objects.requireNonNull(label, "label");
            pids = List.copyOf(pids);
            Objects.requireNonNull(command, "command");
        }
    }

    /** A restart no fault explains, as launchguard recorded it; {@code oldPid} is 0 when unknown. */
    public record UnprovokedRestart(String label, Instant at, String cause, long oldPid) {
        public UnprovokedRestart {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** A respawn that took longer than the target: which event, what caused it, and how long it took. */
    public record SlowRespawn(int seq, String label, Fault fault, Optional<String> cause, double respawnMillis) {
        public SlowRespawn {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(cause, "cause");
        }

        /**
         * The recovered events of {@code events} slower than {@code target}, in order; strictly slower,
         * as the report's "over target" column counts them.
         */
        public static List<SlowRespawn> of(List<ChaosEvent> events, Duration target) {
            double targetMillis = target.toNanos() / 1e6;
            return events.stream().filter(e -> e.respawnMillis().isPresent())
                    .filter(e -> e.respawnMillis().getAsDouble() > targetMillis)
                    .map(e -> new SlowRespawn(e.seq(), e.label(), e.fault(), e.cause(), e.respawnMillis().getAsDouble()))
                    .toList();
        }
    }

    public CampaignVerdict {
        Objects.requireNonNull(endedAt, "endedAt");
        orphans = List.copyOf(orphans);
        squatters = List.copyOf(squatters);
        duplicates = List.copyOf(duplicates);
        unprovokedRestarts = List.copyOf(unprovokedRestarts);
        notReady = List.copyOf(notReady);
        Objects.requireNonNull(target, "target");
        overTarget = List.copyOf(overTarget);
    }

    /** This verdict judged against another target: {@code events} are the campaign's, from its results. */
    public CampaignVerdict against(Duration otherTarget, List<ChaosEvent> campaignEvents) {
        return new CampaignVerdict(endedAt, events, recovered, allReady, orphans, squatters, duplicates,
                unprovokedRestarts, notReady, otherTarget, SlowRespawn.of(campaignEvents, otherTarget));
    }

    /** Every event recovered within the target, every job READY, nothing left behind or restarted unprovoked. */
    public boolean passed() {
        return recoveredCleanly() && overTarget.isEmpty();
    }

    /**
     * Every event recovered, every job READY, nothing left behind or restarted unprovoked: the verdict
     * without the target (all that results written before the target was part of it judged).
     */
    public boolean recoveredCleanly() {
        return recovered == events && allReady && orphans.isEmpty() && squatters.isEmpty() && duplicates.isEmpty()
                && unprovokedRestarts.isEmpty();
    }

    /** {@code FAILED: 1 respawn missed the 15 s target}, {@code PASSED}: the verdict's headline. */
    public String headline() {
        if (passed()) {
            return "PASSED";
        }
        List<String> why = new ArrayList<>();
        if (recovered < events) {
            why.add(plural(events - recovered, "event") + " did not recover");
        }
        if (!overTarget.isEmpty()) {
            why.add(plural(overTarget.size(), "respawn") + " missed the " + targetText(target) + " target");
        }
        if (!allReady) {
            why.add("not every job READY at the end");
        }
        int leftBehind = orphans.size() + squatters.size() + duplicates.size();
        if (leftBehind > 0) {
            why.add(plural(leftBehind, "process") + " left behind");
        }
        if (!unprovokedRestarts.isEmpty()) {
            why.add(plural(unprovokedRestarts.size(), "unprovoked restart"));
        }
        return "FAILED: " + String.join("; ", why);
    }

    /** A target as a person writes it: {@code 15 s}, {@code 500 ms}, {@code 0.25 ms}, {@code 2.50 s}. */
    public static String targetText(Duration target) {
        if (target.toNanos() % 1_000_000_000L == 0) {
            return target.toSeconds() + " s";
        }
        return target.toMillis() < 1_000
                ? BigDecimal.valueOf(target.toNanos(), 6).stripTrailingZeros().toPlainString() + " ms"
                : Latency.format(target.toNanos() / 1e6);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }
}
