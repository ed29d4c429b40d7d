package dev.launchguard.watch;

import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one drift run reads at most once, however many checks need it: the job manager's answer, the
 * process table and the listeners on the ports checked. Each is fetched on first use, so a file
 * of file checks never scans processes. Checks run on several threads; the getters are synchronized.
 */
final class DriftContext {

    private final JobDirectory directory;
    private final ProcessTable table;
    private final Set<Integer> ports;
    private Map<String, JobDirectory.LoadedJob> jobs;
    private JobDirectory.Unavailable unavailable;
    private List<JobProcess> processes;
    private List<ProcessTable.PortOwner> owners;

    DriftContext(JobDirectory directory, ProcessTable table, Set<Integer> ports) {
        this.directory = directory;
        this.table = table;
        this.ports = Set.copyOf(ports);
    }

    /** The loaded jobs; throws {@link JobDirectory.Unavailable} (every time) when the job manager did not answer. */
    synchronized Map<String, JobDirectory.LoadedJob> jobs() {
        if (jobs == null && unavailable == null) {
            try {
                jobs = Map.copyOf(directory.jobs());
            } catch (JobDirectory.Unavailable e) {
                unavailable = e;
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return jobs;
    }

    /** Why the job manager could not be asked, if a check asked and it did not answer. */
    synchronized Optional<String> unavailable() {
        return Optional.ofNullable(unavailable).map(Throwable::getMessage);
    }

    synchronized List<JobProcess> processes() {
        if (processes == null) {
            processes = table.scan();
        }
        return processes;
    }

    synchronized List<ProcessTable.PortOwner> owners() {
        if (owners == null) {
            owners = table.listeners(ports);
        }
        return owners;
    }

    Map<String, String> environment(long pid) {
        return table.environment(pid);
    }
}
