package dev.launchguard.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PIDs of the runs this engine spawned and has not yet seen end: the JDK waits for each of
 * them, so the {@link OrphanReaper} must leave their zombies to it. A PID is dropped once its
 * {@link Process#onExit()} completed, that is after the JDK reaped it.
 */
final class OwnChildren {

    private final Set<Long> awaited = ConcurrentHashMap.newKeySet();

    void track(Process process) {
        long pid = process.pid();
        awaited.add(pid);
        process.onExit().thenRun(() -> awaited.remove(pid));
    }

    boolean awaited(long pid) {
        return awaited.contains(pid);
    }
}
