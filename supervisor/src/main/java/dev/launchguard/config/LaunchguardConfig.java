package dev.launchguard.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole of {@code launchguard.yaml}: where to listen, where the plists are, who runs the jobs,
 * and per job what to probe and how to recover. Immutable; a reload builds a new one.
 *
 * @param source the file this came from, for messages
 * @param listenHost the HTTP API's bind address (loopback by default)
 * @param listenPort the HTTP API's port
 * @param plists the folder of launchd plists
 * @param stateDir where launchguard keeps its runtime file, the token and the engine's state
 * @param tokenFile the bearer token for state-changing API calls (created 0600 when missing)
 * @param watchers the watchers run inside launchguard (drift, uptime, strays) and their alerts
 * @param api who may address the HTTP API, its deadlines and limits, and its TLS
 * @param snapshot the evidence kept before a wedged instance is killed: budget and bounds
 */
public record LaunchguardConfig(
        String source,
        String listenHost,
        int listenPort,
        Path plists,
        EngineKind engine,
        Path stateDir,
        Path tokenFile,
        RestartBudget hostBudget,
        List<JobConfig> jobs,
        WatchersConfig watchers,
        ApiConfig api,
        SnapshotConfig snapshot) {

    /** The most jobs one launchguard watches, and the most plists its engine loads from the folder. */
    public static final int MAX_JOBS = ConfigDefaults.MAX_JOBS;

    public LaunchguardConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(plists, "plists");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(hostBudget, "hostBudget");
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(watchers, "watchers");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    /** A configuration with snapshots at their defaults. */
    public LaunchguardConfig(String source, String listenHost, int listenPort, Path plists, EngineKind engine,
            Path stateDir, Path tokenFile, RestartBudget hostBudget, List<JobConfig> jobs, WatchersConfig watchers,
            ApiConfig api) {
        this(source, listenHost, listenPort, plists, engine, stateDir, tokenFile, hostBudget, jobs, watchers, api,
                SnapshotConfig.defaults());
    }

    /** A configuration with the watchers at their defaults. */
    public LaunchguardConfig(String source, String listenHost, int listenPort, Path plists, EngineKind engine,
            Path stateDir, Path tokenFile, RestartBudget hostBudget, List<JobConfig> jobs) {
        this(source, listenHost, listenPort, plists, engine, stateDir, tokenFile, hostBudget, jobs,
                WatchersConfig.defaults(), ApiConfig.defaults());
    }

    /** A configuration with the API at its defaults. */
    public LaunchguardConfig(String source, String listenHost, int listenPort, Path plists, EngineKind engine,
            Path stateDir, Path tokenFile, RestartBudget hostBudget, List<JobConfig> jobs, WatchersConfig watchers) {
        this(source, listenHost, listenPort, plists, engine, stateDir, tokenFile, hostBudget, jobs, watchers,
                ApiConfig.defaults());
    }

    public Optional<JobConfig> job(String label) {
        return jobs.stream().filter(j -> j.label().equals(label)).findFirst();
    }
}
