package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.Signals;
import dev.launchguard.job.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Stops a job's process tree and proves it is gone: SIGTERM to the main process (as launchd does),
 * then to whatever of the tree is left, SIGKILL to everything when ExitTimeOut expires, and scans of
 * the process table by lineage tag until one finds nothing. A process that forks during the
 * teardown is caught by the next scan.
 */
final class TreeTeardown {

    /** How often a teardown looks whether signalled processes have died; teardown only. */
    private static final Duration POLL = Duration.ofMillis(20);
    /** How long SIGKILLed processes get to disappear before the teardown reports them as survivors. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** Scan-and-kill rounds after ExitTimeOut; each round catches processes forked in the last one. */
    private static final int KILL_ROUNDS = 5;

    private final ProcessTable table;
    private final LongSupplier nanos;

    TreeTeardown(ProcessTable table, LongSupplier nanos) {
        this.table = table;
        this.nanos = nanos;
    }

    /**
     * The outcome of stopping a tree.
     *
     * @param stopped every process signalled, in order
     * @param forced whether SIGKILL was needed
     * @param survivors processes still alive at the end; empty on success
     */
    record Result(List<Long> stopped, boolean forced, List<Long> survivors) {
    }

    /**
     * Stops every process of {@code label} that {@code member} accepts; {@code main} is the job's
     * main process when one is known to run.
     */
    Result stop(String label, Predicate<JobProcess> member, Optional<JobProcess> main, Duration exitTimeOut) {
        long deadline = nanos.getAsLong() + exitTimeOut.toNanos();
        Map<Long, JobProcess> signalled = new LinkedHashMap<>();
        if (main.isPresent()) {
            terminate(List.of(main.get()), signalled);
            awaitDeath(List.of(main.get()), deadline);
        }
        List<JobProcess> rest = members(label, member);
        terminate(rest, signalled);
        awaitDeath(rest, deadline);
        boolean forced = false;
        List<JobProcess> left = stillAlive(signalled.values(), members(label, member));
        for (int round = 0; round < KILL_ROUNDS && !left.isEmpty(); round++) {
            forced = true;
            for (JobProcess p : left) {
                signalled.putIfAbsent(p.pid(), p);
                Signals.send(p.pid(), Signal.KILL);
            }
            awaitDeath(left, nanos.getAsLong() + KILL_WAIT.toNanos());
            left = stillAlive(left, members(label, member));
        }
        return new Result(List.copyOf(signalled.keySet()), forced, left.stream().map(JobProcess::pid).toList());
    }

    private List<JobProcess> members(String label, Predicate<JobProcess> member) {
        return table.tagged(label).stream().filter(member).toList();
    }

    private void terminate(List<JobProcess> processes, Map<Long, JobProcess> signalled) {
        for (JobProcess p : processes) {
            if (signalled.putIfAbsent(p.pid(), p) == null && table.alive(p.pid(), p.started())) {
                Signals.send(p.pid(), Signal.TERM);
            }
        }
    }

    /** Waits, in short bounded polls, until none of {@code processes} is alive or the deadline passes. */
    private void awaitDeath(List<JobProcess> processes, long deadline) {
        while (processes.stream().anyMatch(p -> table.alive(p.pid(), p.started()))) {
            long left = deadline - nanos.getAsLong();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Known processes still alive plus any newly found tree member, without duplicates. */
    private List<JobProcess> stillAlive(Iterable<JobProcess> known, List<JobProcess> scanned) {
        Map<Long, JobProcess> alive = new LinkedHashMap<>();
        for (JobProcess p : known) {
            if (table.alive(p.pid(), p.started())) {
                alive.put(p.pid(), p);
            }
        }
        for (JobProcess p : scanned) {
            alive.putIfAbsent(p.pid(), p);
        }
        return new ArrayList<>(alive.values());
    }
}
