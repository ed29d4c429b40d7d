package dev.launchguard.engine;

import dev.launchguard.job.Signal;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Sends signals to PIDs without a shell: SIGTERM and SIGKILL through {@link ProcessHandle}, every
 * other signal by running {@code kill -s NAME PID} with an argument array.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Sends {@code signal} to {@code pid}; false when the process is already gone. Callers check the
     * start time first, so a recycled PID is never signalled.
     */
    static boolean send(long pid, Signal signal) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return false;
        }
        return switch (signal) {
            case KILL -> handle.get().destroyForcibly();
            case TERM -> handle.get().destroy();
            default -> runKill(pid, signal);
        };
    }

    private static boolean runKill(long pid, Signal signal) {
        ProcessBuilder kill = new ProcessBuilder(List.of("kill", "-s", signal.name(), Long.toString(pid)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            return kill.start().waitFor() == 0;
        } catch (IOException e) {
            throw new IllegalStateException("process '" + pid + "' cannot be sent " + signal.signalName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
