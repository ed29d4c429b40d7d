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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The CPU and memory of every running job's tree for the status pages, which ask every second per
 * open page: a reading younger than {@link #FRESH} is shown again, so an open page costs at most one
 * process-table read per job per {@code FRESH}, and a page never waits more than {@link #WAIT} for
 * the reads (a job whose reading is late shows none this time).
 */
final class PageUsage {

    static final Duration FRESH = Duration.ofSeconds(2);
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
        Set<String> labels = jobs.stream().map(JobView::label).collect(Collectors.toSet());
        readings.keySet().retainAll(labels);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long now = nanos.getAsLong();
        for (JobView job : jobs) {
            if (job.pid().isEmpty()) {
                readings.remove(job.label());
                continue;
            }
            long pid = job.pid().getAsLong();
            Reading last = readings.get(job.label());
            if (last != null && last.pid() == pid && now - last.atNanos() < FRESH.toNanos()) {
                continue;
            }
            pending.add(fleet.process(job.label()).handle((usage, failure) -> {
                readings.put(job.label(), new Reading(nanos.getAsLong(), pid,
                        failure == null ? usage : Optional.empty()));
                return null;
            }));
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
