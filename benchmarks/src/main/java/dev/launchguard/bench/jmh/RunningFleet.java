package dev.launchguard.bench.jmh;

import dev.launchguard.bench.supervisor.BenchFleet;
import dev.launchguard.daemon.Launchguard;
import java.io.IOException;

/**
 * A {@link BenchFleet} started in this JVM for one JMH trial, stopped exactly once: by the trial's
 * {@code @TearDown}, or by a shutdown hook when the fork is interrupted (Ctrl-C), since JMH then
 * skips the teardown and the jobs (a model server) would outlive it.
 */
final class RunningFleet implements AutoCloseable {

    private final BenchFleet fleet;
    private final AutoCloseable probeTargets;
    private final Launchguard launchguard;
    private final Thread hook = new Thread(this::stop, "jmh-fleet-cleanup");
    private boolean stopped;

    private RunningFleet(BenchFleet fleet, AutoCloseable probeTargets) throws IOException {
        this.fleet = fleet;
        this.probeTargets = probeTargets;
        this.launchguard = fleet.start();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static RunningFleet start(BenchFleet fleet) throws IOException {
        return new RunningFleet(fleet, () -> { });
    }

    /**
     * As {@link #start(BenchFleet)}, with servers the jobs' probes point at that the jobs do not own.
     * They are closed first: the engine takes a probe URL's port to be the job's and waits (2 s) at
     * each bootout for it to be released.
     */
    static RunningFleet start(BenchFleet fleet, AutoCloseable probeTargets) throws IOException {
        return new RunningFleet(fleet, probeTargets);
    }

    Launchguard launchguard() {
        return launchguard;
    }

    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(hook);
        stop();
    }

    private synchronized void stop() {
        if (!stopped) {
            stopped = true;
            try {
                probeTargets.close();
            } catch (Exception e) {
                System.err.println("probe targets not closed cleanly: " + e);
            }
            launchguard.close();
            fleet.delete();
        }
    }
}
