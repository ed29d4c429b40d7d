package dev.launchguard.supervisor;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartCounts;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.probe.ProbeRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The bounded recent history of one job: last probe per role, recent restarts and respawns. */
final class WatchHistory {

    /** Enough to see a pattern in the API without growing without bound. */
    static final int KEEP = JobView.HISTORY_KEPT;
    /** Restart times kept for the counts: a day of one restart a minute; the storm guard stops far sooner. */
    static final int KEEP_TIMES = 1440;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private final Map<ProbeRole, ProbeView> lastProbes = new EnumMap<>(ProbeRole.class);
    private final Deque<RestartRecord> restarts = new ArrayDeque<>();
    private final Deque<RespawnRecord> respawns = new ArrayDeque<>();
    /** Every restart's time within the last day, oldest first, for the hour and day counts. */
    private final Deque<Instant> restartTimes = new ArrayDeque<>();

    void probe(ProbeRole role, ProbeView view) {
        lastProbes.put(role, view);
    }

    void restart(RestartRecord record) {
        add(restarts, record);
        restartTimes.addLast(record.at());
        while (restartTimes.size() > KEEP_TIMES) {
            restartTimes.removeFirst();
        }
    }

    /** The restarts in the hour and the day before {@code now}; times older than a day are forgotten. */
    RestartCounts restartCounts(Instant now) {
        Instant dayAgo = now.minus(DAY);
        while (!restartTimes.isEmpty() && restartTimes.peekFirst().isBefore(dayAgo)) {
            restartTimes.removeFirst();
        }
        Instant hourAgo = now.minus(HOUR);
        int lastHour = (int) restartTimes.stream().filter(t -> !t.isBefore(hourAgo)).count();
        return new RestartCounts(lastHour, restartTimes.size());
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
