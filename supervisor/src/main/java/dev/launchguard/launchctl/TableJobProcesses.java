package dev.launchguard.launchctl;

import dev.launchguard.job.Signal;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.Signals;
import java.util.List;

/**
 * {@link JobProcesses} read from the process table (oshi) and killed with kill(2), where oshi can
 * read another process's environment: Linux, from {@code /proc/PID/environ}. A process that scrubs
 * its environment escapes the scan; docs/architecture.md says so.
 */
final class TableJobProcesses implements JobProcesses {

    private static final String SERVICE_NAME = "XPC_SERVICE_NAME";

    private final ProcessTable table;

    TableJobProcesses(ProcessTable table) {
        this.table = table;
    }

    @Override
    public List<Long> pidsOf(String label) {
        return table.withEnvironment(SERVICE_NAME, label);
    }

    @Override
    public void kill(String label, long pid) {
        // False means the process is gone already: the respawn race is exactly that kind of timing.
        Signals.send(pid, Signal.KILL);
    }
}
