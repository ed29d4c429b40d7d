package dev.launchguard.drift;

import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one drift run reads at most once, however many checks need it: the job manager's answer, the
 * process table and the listeners on the ports checked. Each is fetched on first use, so a file
 * of file checks never scans processes. Checks run on several threads; each item has its own lock,
 * so the process scan and the socket table (tens of milliseconds each) can be read at the same time.
 */
final class DriftContext {

    private final JobDirectory directory;
    private final ProcessTable table;
    private final Set<Integer> ports;
    private final Optional<WatchedJobs> configured;
    private Map<String, JobDirectory.LoadedJob> jobs;
    private JobDirectory.Unavailable unavailable;
    private List<JobProcess> processes;
    private List<ProcessTable.PortOwner> owners;
    private final Object jobsLock = new Object();
    private final Object processesLock = new Object();
    private final Object ownersLock = new Object();

    DriftContext(JobDirectory directory, ProcessTable table, Set<Integer> ports, Optional<WatchedJobs> configured) {
        this.directory = directory;
        this.table = table;
        this.ports = Set.copyOf(ports);
        this.configured = configured;
    }

    /** The launchguard.yaml in use, when there is one: what an unwatched check compares the folder with. */
    Optional<WatchedJobs> configured() {
        return configured;
    }

    /** The loaded jobs; throws {@link JobDirectory.Unavailable} (every time) when the job manager did not answer. */
    Map<String, JobDirectory.LoadedJob> jobs() {
        synchronized (jobsLock) {
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
    }

    /** Why the job manager could not be asked, if a check asked and it did not answer. */
    Optional<String> unavailable() {
        synchronized (jobsLock) {
            return Optional.ofNullable(unavailable).map(Throwable::getMessage);
        }
    }

    /** Every process, read once: process and env checks need all of them. */
    List<JobProcess> processes() {
        synchronized (processesLock) {
            if (processes == null) {
                processes = table.scan();
            }
            return processes;
        }
    }

    /** One process, without a full scan: a port check only needs the owner and its ancestors. */
    Optional<JobProcess> process(long pid) {
        return pid <= 0 ? Optional.empty() : table.find(pid);
    }

    List<ProcessTable.PortOwner> owners() {
        synchronized (ownersLock) {
            if (owners == null) {
                owners = table.listeners(ports);
            }
            return owners;
        }
    }

    Map<String, String> environment(long pid) {
        return table.environment(pid);
    }
}
