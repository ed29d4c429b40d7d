package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.chaos.WaitProgress;
import dev.launchguard.client.ApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Waits, bounded, for the outcome of an operator's action on one job (kickstart, enable, reset):
 * the job READY again, or a state that says it will not be (QUARANTINED, DISABLED), or the time
 * allowed running out. Asks the API ({@code GET /api/v1/jobs/LABEL}) every {@link #POLL}; tells
 * the operator what it waits for once a second has passed, and again whenever the state or its
 * reason changes or every {@link #PROGRESS_EVERY}, on {@code progress} (standard error, so a
 * {@code --json} answer on standard output stays one document).
 */
final class ActionWait {

    /** How often the job is looked at: well under the fastest probe cadence, light on the API. */
    static final Duration POLL = Duration.ofMillis(100);
    /** How often a long wait says it is still waiting, when nothing changed. */
    static final Duration PROGRESS_EVERY = WaitProgress.EVERY;
    /** Beyond the job's ready budget: the kill (up to an ExitTimeOut) and the spawn. */
    static final Duration MARGIN = Duration.ofSeconds(15);
    /** How long an enabled job that is loaded but not running is watched for a start (RunAtLoad under launchd). */
    static final Duration START_GRACE = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What came of the action.
     *
     * @param ready true when the job is READY (or, for an enable, loaded and waiting for launchd)
     * @param job the job's JSON as last seen
     * @param waited how long the wait took
     * @param failure why it did not happen, empty when it did
     */
    record Outcome(boolean ready, JsonNode job, Duration waited, Optional<String> failure) {
        Outcome {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(waited, "waited");
            Objects.requireNonNull(failure, "failure");
        }
    }

    private final ApiClient client;
    private final String label;
    private final PrintWriter progress;
    private final LongSupplier nanos;

    ActionWait(ApiClient client, String label, PrintWriter progress, LongSupplier nanos) {
        this.client = client;
        this.label = label;
        this.progress = progress;
        this.nanos = nanos;
    }

    /** The time an action on {@code job} may take: its ready budget plus {@link #MARGIN}, unless the operator set one. */
    static Duration allowed(JsonNode job, Optional<Duration> timeout) {
        return timeout.orElseGet(() -> Duration.ofMillis((long) job.path("readyBudgetMs").asDouble()).plus(MARGIN));
    }

    /**
     * Waits from {@code posted} (the job as the action left it) until it is READY, in a final state,
     * or {@code allowed} has passed. With {@code stoppedIsDone}, a job that stays STOPPED (loaded,
     * waiting for launchd to start it) for {@link #START_GRACE} is done: that is what an enable of a
     * job without RunAtLoad leaves.
     */
    Outcome untilReady(JsonNode posted, Duration allowed, boolean stoppedIsDone)
            throws IOException, InterruptedException {
        long start = nanos.getAsLong();
        long deadline = start + allowed.toNanos();
        WaitProgress told = new WaitProgress(start);
        JsonNode job = posted;
        while (true) {
            String state = job.path("state").asText();
            long now = nanos.getAsLong();
            Duration waited = Duration.ofNanos(now - start);
            if ("READY".equals(state)) {
                return new Outcome(true, job, waited, Optional.empty());
            }
            if (WaitProgress.SETTLED.contains(state)) {
                return new Outcome(false, job, waited, Optional.of(label + " is " + state + reasonOf(job)
                        + hintOf(job)));
            }
            if (stoppedIsDone && "STOPPED".equals(state) && waited.compareTo(START_GRACE) >= 0) {
                return new Outcome(true, job, waited, Optional.empty());
            }
            if (now >= deadline) {
                return new Outcome(false, job, waited, Optional.of(label + " was not READY within "
                        + seconds(allowed) + " (the job's ready budget and a margin; --timeout sets it): it is "
                        + state + reasonOf(job)));
            }
            String current = WaitProgress.describe(job);
            if (told.due(now, current)) {
                progress.println("  waiting for " + label + " (" + seconds(waited) + "): " + current);
                progress.flush();
            }
            Thread.sleep(POLL.toMillis());
            job = look().orElse(job);
        }
    }

    private Optional<JsonNode> look() throws IOException {
        try {
            ApiClient.Reply reply = client.get("/api/v1/jobs/" + label);
            return reply.ok() ? Optional.of(JSON.readTree(reply.body())) : Optional.empty();
        } catch (ApiClient.UnreachableException e) {
            // launchguard restarting under launchd answers again in a moment; the deadline bounds it.
            return Optional.empty();
        }
    }

    static String reasonOf(JsonNode job) {
        JsonNode reason = job.path("reason");
        return reason.isTextual() ? " — " + reason.asText() : "";
    }

    static String hintOf(JsonNode job) {
        JsonNode hint = job.path("hint");
        return hint.isTextual() ? " (run '" + hint.asText() + "')" : "";
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
