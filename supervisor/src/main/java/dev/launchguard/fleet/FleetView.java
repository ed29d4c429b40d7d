package dev.launchguard.fleet;

import dev.launchguard.job.Teardown;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP API and the CLI may see of and ask of the running supervisor. Reads return
 * snapshots; the mutations (kickstart, disable, enable) run on the job's watcher thread, off the
 * caller's.
 */
public interface FleetView {

    /** Every watched job, in configuration order. */
    List<JobView> jobs();

    /** One job by its launchd Label. */
    Optional<JobView> job(String label);

    /**
     * Kills and restarts the job now (launchctl kickstart -k), recorded as a manual restart. The
     * future completes with the job's view once the kickstart was issued, or exceptionally with
     * {@link dev.launchguard.job.JobManagerException} naming the job.
     */
    CompletableFuture<JobView> kickstart(String label);

    /**
     * Boots the job out with verified teardown and a persistent disabled override; its watcher
     * moves it to STOPPED and neither probes nor restarts it until {@link #enable}. The future
     * completes with the teardown evidence, or exceptionally with
     * {@link dev.launchguard.job.JobManagerException} naming the job.
     */
    CompletableFuture<Teardown> disable(String label);

    /**
     * Clears the disabled override and loads the job again from its plist; its watcher resumes.
     * Completes with the job's view once it is loaded (usually STARTING).
     */
    CompletableFuture<JobView> enable(String label);

    /**
     * The way back from quarantine: loads and starts the job, forgets its restarts in the storm guard
     * and recovers it until READY; for a job that is not quarantined, only forgets its restarts.
     * Completes with the job's view once the job was started, or exceptionally with
     * {@link dev.launchguard.job.JobManagerException} naming the job (a disabled job, a plist that
     * cannot be loaded).
     */
    CompletableFuture<JobView> reset(String label);

    /** The plist the job was last loaded from, with its digest then; empty for an unknown job. */
    Optional<LoadedPlist> plist(String label);

    /**
     * The CPU and memory of the job's running process tree, read off the caller's thread over a short
     * window; empty when no instance runs (or it ended meanwhile).
     */
    CompletableFuture<Optional<ProcessUsage>> process(String label);

    /**
     * A piece of the job's stdout or stderr file as its plist names it, read off the caller's thread;
     * completes exceptionally with {@link LogUnavailable} when the plist names no such file or it
     * cannot be read.
     */
    CompletableFuture<LogChunk> log(String label, LogRequest request);

    /**
     * The job's kept snapshots (docs/operations.md, Snapshots), newest first; empty for an unknown
     * job. Read off the caller's thread: they are files.
     */
    default CompletableFuture<List<SnapshotEntry>> snapshots(String label) {
        return CompletableFuture.completedFuture(List.of());
    }

    /** One kept snapshot of the job as its JSON text; empty for an unknown job or id. Read off the caller's thread. */
    default CompletableFuture<Optional<String>> snapshot(String label, String id) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** The Prometheus text exposition of every metric. */
    String scrape();

    /** True while the supervisor itself works: its probe loops run and its job manager answers. */
    boolean healthy();
}
