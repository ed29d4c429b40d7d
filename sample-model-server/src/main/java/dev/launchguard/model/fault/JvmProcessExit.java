package dev.launchguard.model.fault;

import java.io.IOException;

/**
 * Ends this JVM. {@link #kill()} sends SIGKILL to its own PID with {@code kill} run from an argument
 * array: a JVM cannot raise SIGKILL on itself, and SIGKILL (unlike SIGABRT) leaves no core file.
 */
public final class JvmProcessExit implements ProcessExit {

    /** The status {@code -XX:+ExitOnOutOfMemoryError} exits with; used if kill itself fails. */
    static final int HALT_STATUS = 3;

    @Override
    public void exit(int status) {
        // System.exit blocks until shutdown hooks finish; never run it on the caller's thread,
        // which may be an event loop those hooks need.
        Thread exiting = new Thread(() -> System.exit(status), "fault-exit");
        exiting.start();
    }

    @Override
    public void kill() {
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", pid).inheritIO().start();
            kill.waitFor();
        } catch (IOException e) {
            Runtime.getRuntime().halt(HALT_STATUS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(HALT_STATUS); // not reached when the signal landed
    }
}
