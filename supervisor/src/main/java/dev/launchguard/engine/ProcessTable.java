package dev.launchguard.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The engine's view of the operating system's process table and sockets, through oshi: which
 * processes carry a job's environment tag, whether a PID still names the same live process, and
 * who listens on a port.
 *
 * <p>A full scan reads every process's environment and costs tens of milliseconds, so it is used
 * for teardown, adoption and stray reports, never on the respawn path.
 */
public final class ProcessTable {

    /** Environment variable naming the job a process descends from; inherited across setsid. */
    public static final String JOB_TAG = "LAUNCHGUARD_JOB";
    /** Environment variable naming the run of the job a process descends from. */
    public static final String INSTANCE_TAG = "LAUNCHGUARD_INSTANCE";

    private final OperatingSystem os;

    public ProcessTable() {
        this.os = new SystemInfo().getOperatingSystem();
    }

    /** Every live process carrying {@code label}'s tag (zombies excluded: they hold nothing). */
    public List<JobProcess> tagged(String label) {
        List<JobProcess> found = new ArrayList<>();
        for (JobProcess p : scan()) {
            if (p.belongsTo(label)) {
                found.add(p);
            }
        }
        return found;
    }

    /** Every live process the engine may read, tagged or not. */
    public List<JobProcess> scan() {
        long self = ProcessHandle.current().pid();
        List<JobProcess> rows = new ArrayList<>();
        for (OSProcess p : os.getProcesses()) {
            if (p.getProcessID() != self) {
                row(p).ifPresent(rows::add);
            }
        }
        return rows;
    }

    /** The process {@code pid}, if it is alive and not a zombie. */
    public Optional<JobProcess> find(long pid) {
        OSProcess p = os.getProcess((int) pid);
        return p == null ? Optional.empty() : row(p);
    }

    /**
     * True while {@code pid} names the same live process that started at {@code started}: a
     * recycled PID has another start time, and a zombie is dead for every purpose here (PID 1 in a
     * container may never reap it).
     */
    public boolean alive(long pid, Instant started) {
        Optional<Instant> start = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().startInstant());
        if (start.isEmpty() || !start.get().equals(started)) {
            return false;
        }
        OSProcess p = os.getProcess((int) pid);
        return p != null && p.getState() != OSProcess.State.ZOMBIE;
    }

    /** The processes listening on any of {@code ports} (TCP LISTEN or bound UDP), as port → PID. */
    public List<PortOwner> listeners(Collection<Integer> ports) {
        if (ports.isEmpty()) {
            return List.of();
        }
        Set<Integer> wanted = Set.copyOf(ports);
        List<PortOwner> owners = new ArrayList<>();
        for (InternetProtocolStats.IPConnection c : os.getInternetProtocolStats().getConnections()) {
            boolean bound = c.getState() == InternetProtocolStats.TcpState.LISTEN || c.getType().startsWith("udp");
            if (bound && wanted.contains(c.getLocalPort())) {
                owners.add(new PortOwner(c.getLocalPort(), c.getowningProcessId()));
            }
        }
        return owners;
    }

    private static Optional<JobProcess> row(OSProcess p) {
        if (p.getState() == OSProcess.State.ZOMBIE || p.getState() == OSProcess.State.INVALID) {
            return Optional.empty();
        }
        Optional<Instant> started = ProcessHandle.of(p.getProcessID()).flatMap(h -> h.info().startInstant());
        if (started.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> env = p.getEnvironmentVariables();
        return Optional.of(new JobProcess(p.getProcessID(), p.getParentProcessID(), started.get(),
                Optional.ofNullable(env.get(JOB_TAG)), Optional.ofNullable(env.get(INSTANCE_TAG)),
                p.getArguments(), p.getState() == OSProcess.State.STOPPED));
    }

    /**
     * A socket bound on one of a job's ports.
     *
     * @param pid the owning process, or -1 when the OS does not say (another user's socket)
     */
    public record PortOwner(int port, long pid) {
    }
}
