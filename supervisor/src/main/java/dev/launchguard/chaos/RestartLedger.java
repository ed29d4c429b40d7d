package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Tells the restarts a chaos campaign caused from the ones nothing explains. Every restart
 * launchguard records (its {@code restarts} list per job, the last 20 kept) is matched, once, against the
 * fault injected just before: same job, same old PID. Whatever is left is an unprovoked restart.
 */
final class RestartLedger {

    private final Map<String, Set<String>> seen = new HashMap<>();
    private final List<CampaignVerdict.UnprovokedRestart> unprovoked = new ArrayList<>();

    /** Takes every restart in {@code jobs} (the API's {@code /api/v1/jobs}) as already accounted for. */
    void baseline(JsonNode jobs) {
        seen.clear();
        for (JsonNode job : jobs.path("jobs")) {
            Set<String> keys = seen.computeIfAbsent(job.path("label").asText(), l -> new HashSet<>());
            job.path("restarts").forEach(r -> keys.add(key(r)));
        }
    }

    /**
     * Accounts for the restarts that appeared since the last look: one of them may be the fault's
     * ({@code label} and {@code oldPid}); every other one is unprovoked. Returns how many matched the fault.
     */
    int account(JsonNode jobs, String label, OptionalLong oldPid) {
        int matched = 0;
        for (JsonNode job : jobs.path("jobs")) {
            String jobLabel = job.path("label").asText();
            Set<String> keys = seen.computeIfAbsent(jobLabel, l -> new HashSet<>());
            for (JsonNode restart : job.path("restarts")) {
                if (!keys.add(key(restart))) {
                    continue;
                }
                long pid = restart.path("oldPid").asLong(0);
                boolean caused = matched == 0 && jobLabel.equals(label) && oldPid.isPresent() && pid == oldPid.getAsLong();
                if (caused) {
                    matched++;
                } else {
                    unprovoked.add(new CampaignVerdict.UnprovokedRestart(jobLabel,
                            Instant.parse(restart.path("at").asText()),
                            restart.path("reason").asText() + ": " + restart.path("evidence").asText(), pid));
                }
            }
        }
        return matched;
    }

    /** A restart the ledger learns of another way (a job not adopted after launchguard restarted). */
    void unprovoked(CampaignVerdict.UnprovokedRestart restart) {
        unprovoked.add(restart);
    }

    List<CampaignVerdict.UnprovokedRestart> unprovoked() {
        return List.copyOf(unprovoked);
    }

    private static String key(JsonNode restart) {
        return restart.path("at").asText() + "/" + restart.path("oldPid").asText();
    }
}
