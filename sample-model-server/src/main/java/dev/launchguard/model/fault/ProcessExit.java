package dev.launchguard.model.fault;

/** How the process ends itself; the JVM's in production, a recorder in tests. */
public interface ProcessExit {

    /** Exits with the status, running shutdown hooks (a clean exit as launchd sees it). */
    void exit(int status);

    /** Dies at once by SIGKILL: no hooks, no flush, no answer to anyone. */
    void kill();
}
