package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Termination;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** SIGKILLs one run's main process and waits until it is gone, returning how it ended when known. */
final class ProcessDeath {

    /** How often an adopted (not our child) process is checked while it dies. */
    private static final long POLL_MILLIS = 5;

    private ProcessDeath() {
    }

    /**
     * Kills {@code run} and waits at most {@code wait}. Our own child yields its termination; an
     * adopted process yields empty (only its parent could learn the status).
     */
    static Optional<Termination> kill(String label, EngineJob.Run run, ProcessTable table, Duration wait) {
        if (run.process().isPresent()) {
            Process process = run.process().get();
            process.destroyForcibly();
            try {
                process.onExit().get(wait.toNanos(), TimeUnit.NANOSECONDS);
                return Optional.of(RestartPolicy.termination(process.exitValue()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobManagerException(label, "was interrupted while pid " + run.pid() + " died");
            } catch (ExecutionException | TimeoutException e) {
                throw new JobManagerException(label, "pid " + run.pid() + " did not die within " + wait
                        + " of SIGKILL");
            }
        }
        if (table.alive(run.pid(), run.started())) {
            Signals.send(run.pid(), Signal.KILL);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (table.alive(run.pid(), run.started())) {
            if (System.nanoTime() > deadline) {
                throw new JobManagerException(label, "pid " + run.pid() + " did not die within " + wait + " of SIGKILL");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobManagerException(label, "was interrupted while pid " + run.pid() + " died");
            }
        }
        return Optional.empty();
    }
}
