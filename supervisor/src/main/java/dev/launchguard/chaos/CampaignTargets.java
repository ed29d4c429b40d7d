package dev.launchguard.chaos;

import dev.launchguard.client.ApiClient;
import dev.launchguard.process.ProcessTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a campaign may hit: the faults each target takes, in the order the targets were chosen (a
 * seed draws from that order, so it must not change), and the ports those faults go through.
 *
 * @param faults the faults each job (and {@link FaultPlan#LAUNCHGUARD}, when asked for) takes
 * @param adminPorts the sample model servers' admin ports, by label (the model server's faults)
 * @param childPorts the ports of the jobs that serve from a child of their main process (the child faults)
 */
public record CampaignTargets(Map<String, List<Fault>> faults, Map<String, Integer> adminPorts,
        Map<String, List<Integer>> childPorts) {

    public CampaignTargets {
        faults = Collections.unmodifiableMap(new LinkedHashMap<>(faults));
        adminPorts = Map.copyOf(adminPorts);
        childPorts = Map.copyOf(childPorts);
    }

    /** Asks the running launchguard (and the model servers' admin ports) which of {@code faults} each of {@code labels} takes. */
    public static CampaignTargets discover(ApiClient api, List<String> labels, List<Fault> faults)
            throws InterruptedException {
        Map<String, Integer> adminPorts = faults.stream().anyMatch(Fault::needsModelServer)
                ? AdminPorts.discover(api, labels) : Map.of();
        Map<String, List<Integer>> childPorts = faults.stream().anyMatch(f -> f.targetsChild() || f == Fault.WEDGE)
                ? new ServingChild(new ProcessTable()).discover(api, labels) : Map.of();
        return new CampaignTargets(targets(labels, faults, adminPorts, childPorts.keySet()), adminPorts, childPorts);
    }

    /**
     * Each chosen job takes kill; wedge when its main process serves its port, the child faults
     * when a child of it does (a SIGSTOPped wrapper leaves its server answering, and launchguard
     * rightly leaves a serving job alone: wedge-child is that job's wedge); and the model server's
     * own faults when it answers /admin/fault.
     */
    private static Map<String, List<Fault>> targets(List<String> labels, List<Fault> faults, Map<String, Integer> admin,
            Set<String> servedByChild) {
        Map<String, List<Fault>> targets = new LinkedHashMap<>();
        for (String label : labels) {
            targets.put(label, faults.stream().filter(f -> !f.targetsLaunchguard())
                    .filter(f -> fits(f, servedByChild.contains(label)))
                    .filter(f -> !f.needsModelServer() || admin.containsKey(label)).toList());
        }
        if (faults.contains(Fault.SUPERVISOR_KILL)) {
            targets.put(FaultPlan.LAUNCHGUARD, List.of(Fault.SUPERVISOR_KILL));
        }
        return targets;
    }

    /** Whether a job that serves from a child of its main process (or does not) takes {@code fault}. */
    private static boolean fits(Fault fault, boolean servedByChild) {
        return switch (fault) {
            case WEDGE -> !servedByChild;
            case KILL_CHILD, WEDGE_CHILD -> servedByChild;
            default -> true;
        };
    }
}
