package dev.launchguard.launchctl;

import java.util.List;

/**
 * Finds and kills the processes of a launchd job by lineage: launchd puts
 * {@code XPC_SERVICE_NAME=<label>} into every job's environment (the {@code environment} block of
 * each print fixture) and descendants inherit it, also after a double fork.
 */
interface JobProcesses {

    /** PIDs of live processes whose environment says {@code XPC_SERVICE_NAME=<label>}. */
    List<Long> pidsOf(String label);

    /** Sends SIGKILL to {@code pid}; a process that is already gone is not an error. */
    void kill(String label, long pid);
}
