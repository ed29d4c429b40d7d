package dev.launchguard.supervisor;

import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The CPU and memory of a job's process tree for the API. CPU use is a rate, so it needs two
 * samples: the one this reader took at the job's previous request when that is recent, else a second
 * one {@link #WINDOW} after the first. A client polling the job (the chaos campaign does, every 50 ms)
 * therefore waits for the window once, not on every request. Samples are taken on the watchers'
 * worker pool, never on the caller's (an event loop).
 */
final class ProcessUsageReader {

    /** The window of a first read: long enough for a CPU share to mean something, short for a command. */
    static final Duration WINDOW = Duration.ofMillis(250);
    /** A previous sample younger than this gives a noisy share: its share is shown again instead. */
    private static final Duration SHORTEST = Duration.ofMillis(100);
    /** A previous sample older than this says little about now: a fresh window is measured. */
    private static final Duration OLDEST = Duration.ofMinutes(1);

    /** The last two-sample reading per job: the earlier sample it started from and the share it gave. */
    private record Reading(ProcessSample sample, double cpuPercent) {
    }

    private final ProcessEvidence evidence;
    private final ExecutorService workers;
    private final Map<String, Reading> last = new ConcurrentHashMap<>();

    ProcessUsageReader(ProcessEvidence evidence, ExecutorService workers) {
        this.evidence = evidence;
        this.workers = workers;
    }

    CompletableFuture<Optional<ProcessUsage>> read(String label, long root) {
        return CompletableFuture.supplyAsync(() -> evidence.sample(root), workers).thenCompose(now -> {
            if (!(now instanceof ProcessEvidence.Alive alive)) {
                last.remove(label);
                return CompletableFuture.completedFuture(Optional.empty());
            }
            Reading previous = last.get(label);
            long age = previous == null ? -1 : alive.sample().atNanos() - previous.sample().atNanos();
            if (previous != null && previous.sample().pid() == root && age >= 0 && age <= OLDEST.toNanos()) {
                if (age < SHORTEST.toNanos()) {
                    return done(root, alive.sample(), previous.cpuPercent());
                }
                return done(root, alive.sample(), remember(label, previous.sample(), alive.sample()));
            }
            Executor later = CompletableFuture.delayedExecutor(WINDOW.toMillis(), TimeUnit.MILLISECONDS, workers);
            return CompletableFuture.supplyAsync(() -> evidence.sample(root), later).thenApply(second -> second
                    instanceof ProcessEvidence.Alive again
                    ? usage(root, again.sample(), remember(label, alive.sample(), again.sample()))
                    : Optional.<ProcessUsage>empty());
        });
    }

    /** Forgets a job that is no longer watched. */
    void forget(String label) {
        last.remove(label);
    }

    private double remember(String label, ProcessSample earlier, ProcessSample later) {
        double percent = Math.round(later.cpuShareSince(earlier) * 1000) / 10.0;
        last.put(label, new Reading(later, percent));
        return percent;
    }

    private static CompletableFuture<Optional<ProcessUsage>> done(long root, ProcessSample sample, double percent) {
        return CompletableFuture.completedFuture(usage(root, sample, percent));
    }

    private static Optional<ProcessUsage> usage(long root, ProcessSample sample, double percent) {
        List<Long> pids = new ArrayList<>();
        pids.add(root);
        ProcessHandle.of(root).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return Optional.of(new ProcessUsage(pids, percent, sample.residentBytes()));
    }
}
