package dev.launchguard.api;

import dev.launchguard.fleet.FleetView;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProcessUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The CPU and memory of every running job's tree for the status pages, which ask every second per
 * open page. A job's reading is refreshed at most every {@link #FRESH} (a process-tree read per job
 * costs a scan of the process table), in the background: a page waits, at most {@link #WAIT}, only
 * for a job it has never read on its current pid, and otherwise shows the last reading.
 */
final class PageUsage {

    static final Duration FRESH = Duration.ofSeconds(10);
    private static final Duration FORGET = FRESH.multipliedBy(6);
    /** Longer than the first reading's CPU window (250 ms), short enough to keep the page quick. */
    static final Duration WAIT = Duration.ofMillis(400);

    private record Reading(long atNanos, long pid, Optional<ProcessUsage> usage) {
    }

    private final FleetView fleet;
    private final LongSupplier nanos;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    PageUsage(FleetView fleet, LongSupplier nanos) {
        this.fleet = fleet;
        this.nanos = nanos;
    }

    /** The usage of each job of {@code jobs} that runs, by label; never fails. */
    CompletableFuture<Map<String, ProcessUsage>> read(List<JobView> jobs) {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long now = nanos.getAsLong();
        // A job's page asks for one job: the others' readings stay. A reading nobody asked for in a
        // while (a job gone from the configuration, no page open) is dropped.
        readings.values().removeIf(r -> now - r.atNanos() > FORGET.toNanos());
        for (JobView job : jobs) {
            if (job.pid().isEmpty()) {
                readings.remove(job.label());
                continue;
            }
            long pid = job.pid().getAsLong();
            Reading last = readings.get(job.label());
            boolean known = last != null && last.pid() == pid;
            if (known && now - last.atNanos() < FRESH.toNanos()) {
                continue;
            }
            if (known) {
                // Shown again meanwhile; the next page gets the new reading. Marked now, so the pages
                // asking before it comes do not ask again.
                readings.put(job.label(), new Reading(now, pid, last.usage()));
            }
            CompletableFuture<Void> read = fleet.process(job.label()).handle((usage, failure) -> {
                readings.put(job.label(), new Reading(nanos.getAsLong(), pid,
                        failure == null ? usage : Optional.empty()));
                return null;
            });
            if (!known) {
                pending.add(read);
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ignored, failure) -> current(jobs));
    }

    private Map<String, ProcessUsage> current(List<JobView> jobs) {
        Map<String, ProcessUsage> usage = new HashMap<>();
        for (JobView job : jobs) {
            Reading r = readings.get(job.label());
            if (r != null && job.pid().isPresent() && r.pid() == job.pid().getAsLong() && r.usage().isPresent()) {
                usage.put(job.label(), r.usage().get());
            }
        }
        return usage;
    }
}
