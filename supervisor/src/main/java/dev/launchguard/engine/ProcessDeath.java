package dev.launchguard.engine;

import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Termination;
import dev.launchguard.process.BoundPorts;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.Signals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGKILLs one run's main process (or its whole tree) and waits until it is gone, returning how it ended when known. */
final class ProcessDeath {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeath.class);

    /** How often an adopted (not our child) process is checked while it dies. */
    private static final long POLL_MILLIS = 5;

    private ProcessDeath() {
    }

    /**
     * Kills {@code run} and every descendant it has now, and waits at most {@code wait} for all of
     * them. A wrapper's server child (npm's next-server) is what a SIGSTOP or a deadlock hits, and
     * it holds the job's port: left to the reaper's SIGTERM-then-ExitTimeOut, a stopped child keeps
     * the port for seconds and the new run fails to bind. Escapees outside the tree (setsid plus a
     * parent that exited) are still the reaper's, found by their tag.
     */
    static Optional<Termination> killTree(String label, EngineJob.Run run, ProcessTable table, Duration wait) {
        List<ProcessHandle> tree = ProcessHandle.of(run.pid()).map(h -> h.descendants().toList()).orElse(List.of());
        List<Instant> started = tree.stream().map(h -> h.info().startInstant().orElse(Instant.EPOCH)).toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        Optional<Termination> how = kill(label, run, table, wait);
        long deadline = System.nanoTime() + wait.toNanos();
        for (int i = 0; i < tree.size(); i++) {
            long pid = tree.get(i).pid();
            while (table.alive(pid, started.get(i))) {
                if (System.nanoTime() > deadline) {
                    throw new JobManagerException(label, "pid " + pid + " of the old run did not die within " + wait
                            + " of SIGKILL");
                }
                pause(label, pid);
            }
        }
        return how;
    }

    /**
     * SIGKILLs the processes of an ended run ({@code instance}) that still listen on one of the
     * job's ports, and waits at most {@code wait} for them to die, so the next run can bind. The
     * case: a wrapper (a shell, npm start) is killed and its server child lives on, re-parented,
     * still answering on the port; left to the reaper's SIGTERM-then-ExitTimeOut, it would serve
     * the job's probes in the new run's name while the new run's server fails to bind. Only port
     * holders are killed here, on the respawn path; the rest of the ended run gets the reaper's
     * graceful teardown. A process of another run, of another engine ({@code owner}) or of nobody
     * is never touched: that is a squatter, for {@code strays} to report. A holder that outlives the wait is logged, not
     * fatal: the respawn goes ahead.
     */
    static void killPortHolders(String label, String owner, String instance, List<Integer> ports, ProcessTable table,
            Duration wait) {
        if (!BoundPorts.anyBound(ports)) {
            return; // the usual case: the ended run's sockets closed with it
        }
        List<JobProcess> holders = new ArrayList<>();
        for (ProcessTable.PortOwner holder : table.listeners(ports)) {
            table.find(holder.pid()).filter(p -> p.ofRun(owner, instance))
                    .filter(p -> holders.stream().noneMatch(h -> h.pid() == p.pid())).ifPresent(holders::add);
        }
        holders.forEach(p -> Signals.send(p.pid(), Signal.KILL));
        long deadline = System.nanoTime() + wait.toNanos();
        for (JobProcess p : holders) {
            while (table.alive(p.pid(), p.started()) && System.nanoTime() < deadline) {
                pause(label, p.pid());
            }
            if (table.alive(p.pid(), p.started())) {
                // The respawn goes ahead: its server may fail to bind, and KeepAlive tries again.
                log.warn("An ended run's port holder outlived SIGKILL label={} pid={} wait={}", label, p.pid(), wait);
            }
        }
        if (!holders.isEmpty()) {
            log.info("Killed an ended run's port holder before the respawn label={} instance={} pids={} ports={}", label,
                    instance, holders.stream().map(JobProcess::pid).toList(), ports);
        }
    }

    private static void pause(String label, long pid) {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobManagerException(label, "was interrupted while pid " + pid + " died");
        }
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
            pause(label, run.pid());
        }
        return Optional.empty();
    }
}
