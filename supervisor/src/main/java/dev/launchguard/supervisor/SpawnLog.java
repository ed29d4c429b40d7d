package dev.launchguard.supervisor;

import dev.launchguard.job.JobEvents;
import dev.launchguard.job.Termination;
import dev.launchguard.time.Moment;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When each instance was spawned and when it exited, as the job manager reports it through
 * {@link JobEvents}: the embedded engine for its children, {@code launchctl.ReportingJobManager}
 * for the PIDs launchd shows. Each moment is stamped on arrival on both clocks; latencies are
 * measured from the monotonic one. (The OS's own process start time is useless for latency: Linux
 * derives it from the boot time, which /proc/stat gives in whole seconds.) A process nobody
 * reported falls back to the moment its watcher first saw it.
 */
public final class SpawnLog implements JobEvents {

    /** Old entries are dropped past this many; a fleet respawns far fewer processes than this between looks. */
    private static final int KEEP = 1024;

    /** Hears the exits of one job's processes. */
    interface ExitHandler {
        void exited(long pid, Moment at, Optional<Termination> how);
    }

    private final Clock clock;
    private final LongSupplier nanos;
    private final Map<Long, Moment> spawned = new ConcurrentHashMap<>();
    private final Map<Long, Moment> exited = new ConcurrentHashMap<>();
    private final Map<Long, Termination> terminations = new ConcurrentHashMap<>();
    private final Map<String, ExitHandler> handlers = new ConcurrentHashMap<>();

    public SpawnLog(Clock clock, LongSupplier nanos) {
        this.clock = clock;
        this.nanos = nanos;
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
        spawned.put(pid, Moment.now(clock, nanos));
    }

    @Override
    public void exited(String label, long pid, Optional<Termination> how) {
        trim(exited);
        trim(terminations);
        Moment at = Moment.now(clock, nanos);
        // The termination first: a reader that sees the exit time also sees how it ended.
        how.ifPresent(t -> terminations.put(pid, t));
        exited.put(pid, at);
        ExitHandler handler = handlers.get(label);
        if (handler != null) {
            handler.exited(pid, at, how);
        }
    }

    Optional<Moment> spawnedAt(long pid) {
        return Optional.ofNullable(spawned.get(pid));
    }

    Optional<Moment> exitedAt(long pid) {
        return Optional.ofNullable(exited.get(pid));
    }

    /** How {@code pid} ended, when the job manager learned it (the engine, for its own child). */
    Optional<Termination> terminationOf(long pid) {
        return Optional.ofNullable(terminations.get(pid));
    }

    private static void trim(Map<Long, ?> map) {
        if (map.size() > KEEP) {
            map.clear();
        }
    }
}
