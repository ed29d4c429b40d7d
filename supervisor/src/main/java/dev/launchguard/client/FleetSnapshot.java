package dev.launchguard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.doctor.PlistOnDisk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The job manager's view of the fleet, gathered through the running launchguard's API: each job's
 * state, PID, the plist it was loaded from and that plist's ports. Shared by {@code doctor} and the
 * chaos campaign's final check.
 */
public final class FleetSnapshot {

    private FleetSnapshot() {
    }

    /** Every job the running launchguard watches, with the plist it loaded and that plist's ports. */
    public static void fromApi(ApiClient client, Map<String, Diagnosis.Job> jobs) throws Exception {
        ApiClient.Reply reply = client.get("/api/v1/jobs");
        if (!reply.ok()) {
            throw new ApiClient.UnreachableException(client.base() + "/api/v1/jobs answered " + reply.status() + ": "
                    + reply.error(), null);
        }
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode job : mapper.readTree(reply.body()).path("jobs")) {
            String label = job.path("label").asText();
            OptionalLong pid = job.path("pid").isNumber() ? OptionalLong.of(job.path("pid").asLong()) : OptionalLong.empty();
            ApiClient.Reply loaded = client.get("/api/v1/jobs/" + label + "/plist");
            List<Integer> ports = new ArrayList<>();
            Optional<String> plist = Optional.empty();
            Optional<String> digest = Optional.empty();
            if (loaded.ok()) {
                JsonNode node = mapper.readTree(loaded.body());
                node.path("ports").forEach(p -> ports.add(p.asInt()));
                plist = Optional.of(node.path("path").asText());
                digest = node.path("sha256").isTextual() ? Optional.of(node.path("sha256").asText()) : Optional.empty();
            }
            jobs.put(label, PlistOnDisk.withDisk(new Diagnosis.Job(label, true, job.path("state").asText(), pid, ports, plist, digest,
                    Optional.empty())));
        }
    }
}
