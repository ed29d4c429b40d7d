package dev.launchguard.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.client.ApiClient;
import dev.launchguard.process.ProcessTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The process a child fault hits: the one listening on the job's port when that is a descendant of
 * the job's main process, not the main process itself — a server under a wrapper (npm start, a
 * shell). A job whose main process serves its own port has no serving child and takes no child
 * fault.
 */
final class ServingChild {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessTable table;

    ServingChild(ProcessTable table) {
        this.table = table;
    }

    /** Label to ports, for the jobs among {@code labels} that serve from a child of their main process now. */
    Map<String, List<Integer>> discover(ApiClient api, List<String> labels) {
        Map<String, List<Integer>> found = new LinkedHashMap<>();
        for (String label : labels) {
            try {
                ApiClient.Reply job = api.get("/api/v1/jobs/" + label);
                ApiClient.Reply plist = api.get("/api/v1/jobs/" + label + "/plist");
                if (!job.ok() || !plist.ok() || !JSON.readTree(job.body()).path("pid").isNumber()) {
                    continue;
                }
                List<Integer> ports = new ArrayList<>();
                JSON.readTree(plist.body()).path("ports").forEach(p -> ports.add(p.asInt()));
                if (of(JSON.readTree(job.body()).path("pid").asLong(), ports).isPresent()) {
                    found.put(label, List.copyOf(ports));
                }
            } catch (ApiClient.UnreachableException | IOException e) {
                // Not known to serve from a child: no child faults for it.
            }
        }
        return found;
    }

    /** The descendant of {@code mainPid} listening on one of {@code ports}, if one does now. */
    OptionalLong of(long mainPid, List<Integer> ports) {
        Set<Long> descendants = ProcessHandle.of(mainPid)
                .map(h -> h.descendants().map(ProcessHandle::pid).collect(Collectors.toSet())).orElse(Set.of());
        return table.listeners(ports).stream().mapToLong(ProcessTable.PortOwner::pid).filter(descendants::contains)
                .findFirst();
    }
}
