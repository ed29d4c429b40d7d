package dev.launchguard.supervisor;

import dev.launchguard.engine.JobListener;
import dev.launchguard.job.Termination;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each instance was spawned and when it exited, as the embedded engine reports it. The OS's
 * own process start time is useless for latency: Linux derives it from the boot time, which
 * /proc/stat gives in whole seconds. Under launchd there are no events and the watcher falls back
 * to the moment it first saw the new PID.
 */
public final class SpawnLog implements JobListener {

    /** Old entries are dropped past this many; a fleet respawns far fewer processes than this between looks. */
    private static final int KEEP = 1024;

    private final Clock clock;
    private final Map<Long, Instant> spawned = new ConcurrentHashMap<>();
    private final Map<Long, Instant> exited = new ConcurrentHashMap<>();
    private final Map<Long, Termination> terminations = new ConcurrentHashMap<>();

    public SpawnLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void spawned(String label, long pid) {
        trim(spawned);
        spawned.put(pid, clock.instant());
    }

    @Override
    public void exited(String label, long pid, Optional<Termination> how) {
        trim(exited);
        trim(terminations);
        // The termination first: a reader that sees the exit time also sees how it ended.
        how.ifPresent(t -> terminations.put(pid, t));
        exited.put(pid, clock.instant());
    }

    Optional<Instant> spawnedAt(long pid) {
        return Optional.ofNullable(spawned.get(pid));
    }

    Optional<Instant> exitedAt(long pid) {
        return Optional.ofNullable(exited.get(pid));
    }

    /** How {@code pid} ended, when the engine learned it (its own child). */
    Optional<Termination> terminationOf(long pid) {
        return Optional.ofNullable(terminations.get(pid));
    }

    private static void trim(Map<Long, ?> map) {
        if (map.size() > KEEP) {
            map.clear();
        }
    }
}
