package dev.launchguard.drift;

import dev.launchguard.process.ProcessTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Runs a drift file's checks once and reports every result.
 *
 * <p>Threads: {@link #run} blocks its caller until every check is done. Checks run concurrently on
 * the given executor (commands wait, file reads block), sharing one {@link DriftContext} so the
 * process table and the job manager are read at most once per run. The watcher holds no state
 * between runs.
 */
public final class DriftWatcher {

    private final JobDirectory directory;
    private final ProcessTable table;
    private final Executor executor;
    private final Clock clock;
    private final LongSupplier nanos;
    private final Optional<WatchedJobs> configured;

    /** A watcher with no launchguard.yaml in use: an unwatched check fails saying it needs one. */
    public DriftWatcher(JobDirectory directory, ProcessTable table, Executor executor, Clock clock, LongSupplier nanos) {
        this(directory, table, executor, clock, nanos, Optional.empty());
    }

    /** A watcher whose unwatched checks compare their plist folder with {@code configured}. */
    public DriftWatcher(JobDirectory directory, ProcessTable table, Executor executor, Clock clock, LongSupplier nanos,
            Optional<WatchedJobs> configured) {
        this.directory = directory;
        this.table = table;
        this.executor = executor;
        this.clock = clock;
        this.nanos = nanos;
        this.configured = configured;
    }

    public DriftReport run(List<DriftCheck> checks) {
        Instant at = clock.instant();
        long start = nanos.getAsLong();
        Set<Integer> ports = checks.stream().filter(DriftCheck.PortOwned.class::isInstance)
                .map(c -> ((DriftCheck.PortOwned) c).port()).collect(Collectors.toSet());
        DriftContext context = new DriftContext(directory, table, ports, configured);
        List<CompletableFuture<DriftResult>> pending = new ArrayList<>();
        // Start the two slow shared reads first and side by side; the checks that need them then wait on one lock.
        if (checks.stream().anyMatch(c -> c instanceof DriftCheck.ProcessCount || c instanceof DriftCheck.EnvValue)) {
            CompletableFuture.runAsync(context::processes, executor);
        }
        if (!ports.isEmpty()) {
            CompletableFuture.runAsync(context::owners, executor);
        }
        for (DriftCheck check : checks) {
            pending.add(CompletableFuture.supplyAsync(() -> evaluate(check, context), executor));
        }
        List<DriftResult> results = pending.stream().map(CompletableFuture::join).toList();
        return new DriftReport(at, Duration.ofNanos(nanos.getAsLong() - start), results, context.unavailable());
    }

    static DriftResult evaluate(DriftCheck check, DriftContext context) {
        try {
            if (check instanceof DriftCheck.JobLoaded c) {
                return DriftChecks.job(c, context);
            } else if (check instanceof DriftCheck.PlistMatches c) {
                return DriftChecks.plist(c, context);
            } else if (check instanceof DriftCheck.PortOwned c) {
                return DriftChecks.port(c, context);
            } else if (check instanceof DriftCheck.ProcessCount c) {
                return DriftChecks.process(c, context);
            } else if (check instanceof DriftCheck.EnvValue c) {
                return DriftChecks.env(c, context);
            } else if (check instanceof DriftCheck.FileState c) {
                return FileChecks.file(c);
            } else if (check instanceof DriftCheck.ConfigValue c) {
                return FileChecks.config(c);
            } else if (check instanceof DriftCheck.JobsWatched c) {
                return DriftChecks.unwatched(c, context);
            }
            return FileChecks.command((DriftCheck.CommandExits) check);
        } catch (JobDirectory.Unavailable e) {
            return DriftResult.fail(check, "the job manager could not be asked: " + e.getMessage());
        }
    }
}
