package dev.launchguard.supervisor;

import dev.launchguard.fleet.ProbeView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.probe.ProbeRole;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The bounded recent history of one job: last probe per role, recent restarts and respawns. */
final class WatchHistory {

    /** Enough to see a pattern in the API without growing without bound. */
    static final int KEEP = 20;

    private final Map<ProbeRole, ProbeView> lastProbes = new EnumMap<>(ProbeRole.class);
    private final Deque<RestartRecord> restarts = new ArrayDeque<>();
    private final Deque<RespawnRecord> respawns = new ArrayDeque<>();

    void probe(ProbeRole role, ProbeView view) {
        lastProbes.put(role, view);
    }

    void restart(RestartRecord record) {
        add(restarts, record);
    }

    void respawn(RespawnRecord record) {
        add(respawns, record);
    }

    Map<ProbeRole, ProbeView> lastProbes() {
        return Map.copyOf(lastProbes);
    }

    List<RestartRecord> restarts() {
        return new ArrayList<>(restarts);
    }

    List<RespawnRecord> respawns() {
        return new ArrayList<>(respawns);
    }

    private static <T> void add(Deque<T> deque, T item) {
        deque.addLast(item);
        while (deque.size() > KEEP) {
            deque.removeFirst();
        }
    }
}
