package dev.launchguard.job;

import java.nio.file.Path;
import java.util.List;

/**
 * The one seam between "what should run" and "who runs it": launchd on macOS, the embedded engine
 * elsewhere.
 *
 * <p>Every method blocks (it may run {@code launchctl}, spawn processes or wait for a process tree
 * to die), so callers on a Netty event loop hand calls to a named executor. Failures are reported
 * as {@link JobManagerException} naming the label and what happened.
 */
public interface JobManager extends AutoCloseable {

    /** Loads the job described by {@code plist}; a RunAtLoad job starts now. */
    JobStatus bootstrap(Path plist);

    /**
     * Unloads a job and returns only when its whole process tree is gone (verified, not assumed):
     * no respawn can slip in between, even for a KeepAlive job.
     */
    Teardown bootout(String label);

    /** Starts the job now; with {@code kill}, SIGKILLs the running instance first (launchctl kickstart -k). */
    JobStatus kickstart(String label, boolean kill);

    /** Sends {@code signal} to the job's running instance. */
    void signal(String label, Signal signal);

    /** Enables a job that was disabled; the override is persistent. */
    void enable(String label);

    /** Boots the job out (verified) and keeps it from loading again until {@link #enable}. */
    Teardown disable(String label);

    /**
     * Whether an operator's persistent disabled override holds the job ({@code launchctl disable},
     * the engine's overrides file): it stays unloaded until {@link #enable}, across restarts. A job
     * manager that keeps no overrides answers false.
     */
    default boolean disabled(String label) {
        return false;
    }

    /** The job's current status; {@code loaded=false} for a label the manager does not know. */
    JobStatus status(String label);

    /** Every job this manager has loaded. */
    List<JobStatus> list();

    @Override
    void close();
}
