package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.client.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Waits, bounded, for a job hit by one fault to be READY again with a new instance: {@code launchguard chaos kill|wedge}. */
public final class RecoveryWatch {

    /** How often the API is asked whether the job has recovered: well under a fast recovery's probe cadence. */
    private static final Duration POLL = Duration.ofMillis(50);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The respawn that replaced the instance hit, or none, and the job's state as last seen. */
    public record Outcome(Optional<Respawn> respawn, String lastSeen) {
    }

    private RecoveryWatch() {
    }

    /** Polls until {@code label} is READY with a respawn that replaced {@code pid}, or {@code timeout} runs out. */
    public static Outcome await(ApiClient client, String label, long pid, Duration timeout)
            throws IOException, InterruptedException {
        return await(client, label, pid, timeout, (waited, state) -> { });
    }

    /**
     * As {@link #await(ApiClient, String, long, Duration)}, telling {@code progress} how long it has
     * waited and the job's state with its reason: once a second has passed, then at every change and
     * at least every 5 s, so a wedge that takes seconds to judge is not silence.
     */
    public static Outcome await(ApiClient client, String label, long pid, Duration timeout,
            BiConsumer<Duration, String> progress) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        WaitProgress told = new WaitProgress(start);
        String lastState = "";
        while (System.nanoTime() < deadline) {
            try {
                ApiClient.Reply reply = client.get("/api/v1/jobs/" + label);
                if (reply.ok()) {
                    JsonNode job = JSON.readTree(reply.body());
                    lastState = WaitProgress.describe(job);
                    Optional<Respawn> respawn = Respawn.replacing(job, pid);
                    if ("READY".equals(job.path("state").asText()) && respawn.isPresent()) {
                        return new Outcome(respawn, lastState);
                    }
                    if (WaitProgress.SETTLED.contains(job.path("state").asText())) {
                        // No READY follows without an operator: say so now, not at the timeout.
                        return new Outcome(Optional.empty(), lastState);
                    }
                }
            } catch (ApiClient.UnreachableException e) {
                lastState = "launchguard unreachable: " + e.getMessage();
            }
            long now = System.nanoTime();
            if (told.due(now, lastState)) {
                progress.accept(Duration.ofNanos(now - start), lastState);
            }
            Thread.sleep(POLL.toMillis());
        }
        return new Outcome(Optional.empty(), lastState);
    }
}
