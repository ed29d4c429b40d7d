package dev.launchguard.supervisor;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP API and the CLI may see of and ask of the running supervisor. Reads return
 * snapshots; the one mutation, a manual kickstart, runs off the caller's thread.
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

    /** The Prometheus text exposition of every metric. */
    String scrape();

    /** True while the supervisor itself works: its probe loops run and its job manager answers. */
    boolean healthy();
}
