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

    /** Hears the exits of one job's processes. */
    interface ExitHandler {
        void exited(long pid, Instant at, Optional<Termination> how);
    }

    private final Clock clock;
    private final boolean fromEngine;
    private final Map<Long, Instant> spawned = new ConcurrentHashMap<>();
    private final Map<Long, Instant> exited = new ConcurrentHashMap<>();
    private final Map<Long, Termination> terminations = new ConcurrentHashMap<>();
    private final Map<String, ExitHandler> handlers = new ConcurrentHashMap<>();

    /**
     * @param fromEngine true when the embedded engine reports to this log; false under launchd,
     *     where no events come and watchers watch PIDs themselves
     */
    public SpawnLog(Clock clock, boolean fromEngine) {
        this.clock = clock;
        this.fromEngine = fromEngine;
    }

    /** Whether exits arrive here as events (the embedded engine) rather than having to be watched for. */
    boolean fromEngine() {
        return fromEngine;
    }

    void subscribe(String label, ExitHandler handler) {
        handlers.put(label, handler);
    }

    void unsubscribe(String label) {
        handlers.remove(label);
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
        Instant at = clock.instant();
        // The termination first: a reader that sees the exit time also sees how it ended.
        how.ifPresent(t -> terminations.put(pid, t));
        exited.put(pid, at);
        ExitHandler handler = handlers.get(label);
        if (handler != null) {
            handler.exited(pid, at, how);
        }
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
