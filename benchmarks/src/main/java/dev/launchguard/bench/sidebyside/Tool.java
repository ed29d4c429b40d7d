package dev.launchguard.bench.sidebyside;

import java.io.IOException;

/**
 * A supervisor under test, run in the foreground with its own configuration in the run's
 * temporary folder, supervising one {@link Target} on loopback. Only one tool runs at a time.
 */
interface Tool extends AutoCloseable {

    String name();

    /** Whether it restarts a process that is alive but does not answer (a SIGSTOP). */
    boolean detectsWedges();

    /** Writes its configuration and starts it supervising {@code target}; it starts the target itself. */
    void start(Target target) throws IOException;

    /** The tool's own main process: the one whose CPU and memory are reported. */
    long pid();

    /** Stops the tool (bounded); instances of the target it leaves behind are the caller's to kill. */
    @Override
    void close();
}
