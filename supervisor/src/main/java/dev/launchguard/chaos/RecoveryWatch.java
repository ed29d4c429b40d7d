package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.client.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

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
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastState = "";
        while (System.nanoTime() < deadline) {
            try {
                ApiClient.Reply reply = client.get("/api/v1/jobs/" + label);
                if (reply.ok()) {
                    JsonNode job = JSON.readTree(reply.body());
                    lastState = job.path("state").asText();
                    Optional<Respawn> respawn = Respawn.replacing(job, pid);
                    if ("READY".equals(lastState) && respawn.isPresent()) {
                        return new Outcome(respawn, lastState);
                    }
                }
            } catch (ApiClient.UnreachableException e) {
                lastState = "launchguard unreachable: " + e.getMessage();
            }
            Thread.sleep(POLL.toMillis());
        }
        return new Outcome(Optional.empty(), lastState);
    }
}
