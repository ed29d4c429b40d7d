package dev.launchguard.engine;

import dev.launchguard.job.JobEvents;
import dev.launchguard.process.ProcessTable;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * What every job of one engine shares: time, the event and reaper threads, the state folder, the
 * process table and the listener. Built once by {@link EmbeddedJobManager}, which owns the threads.
 *
 * @param events runs exit handlers, timers and throttled spawns; tasks only take a job's lock and spawn
 * @param reaper runs slow work off the respawn path: killing what a dead run left behind
 * @param children the runs' processes the JDK still waits for, which the orphan reaper must leave alone
 * @param ports the ports each job serves, which a new run needs free of the runs before it
 * @param owner this engine's {@code LAUNCHGUARD_OWNER} tag (its state folder): only processes
 *     carrying it, or the instance tag of a run recorded in that folder, are ever signalled
 * @param spawner starts a job's runs, tagged with {@code owner}, each in a session of its own
 */
record EngineContext(
        Clock clock,
        LongSupplier nanos,
        ScheduledExecutorService events,
        ExecutorService reaper,
        StateStore store,
        ProcessTable table,
        TreeTeardown teardown,
        RestartPolicy policy,
        JobEvents listener,
        OwnChildren children,
        JobPorts ports,
        String owner,
        Spawner spawner) {
}
