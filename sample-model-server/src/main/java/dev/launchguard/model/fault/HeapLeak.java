package dev.launchguard.model.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.time.Duration;

/**
 * Grows the heap until the JVM dies of OutOfMemoryError, at a rate a supervisor can watch in RSS.
 *
 * <p>The chunks stay referenced from this object, so nothing is ever freed. Launchers pass
 * {@code -XX:+ExitOnOutOfMemoryError} (the JVM then exits with status 3); without that flag the
 * JVM would only kill the leaking thread and limp on with a full heap, so the leak ends the process
 * itself with the same status.
 */
final class HeapLeak {

    /** 4 MiB every 25 ms is 160 MiB/s: a 128 MiB heap fills in about a second, a 4 GiB one in 25 s. */
    static final int CHUNK_BYTES = 4 << 20;
    static final Duration CHUNK_INTERVAL = Duration.ofMillis(25);
    static final int OOM_EXIT_STATUS = 3;

    private final List<byte[]> retained = new ArrayList<>();
    private final ProcessExit processExit;

    HeapLeak(ProcessExit processExit) {
        this.processExit = processExit;
    }

    void start() {
        Thread leaking = new Thread(this::grow, "heap-leak");
        leaking.setDaemon(true);
        leaking.start();
    }

    private void grow() {
        try {
            while (true) {
                synchronized (retained) {
                    retained.add(new byte[CHUNK_BYTES]);
                }
                LockSupport.parkNanos(CHUNK_INTERVAL.toNanos());
            }
        } catch (OutOfMemoryError e) {
            System.err.println("heap-leak: " + e + "; exiting with status " + OOM_EXIT_STATUS);
            processExit.exit(OOM_EXIT_STATUS);
        }
    }
}
