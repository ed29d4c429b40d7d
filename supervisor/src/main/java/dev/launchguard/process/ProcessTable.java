package dev.launchguard.process;

import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The operating system's process table and sockets, through oshi (its only user): which
 * processes carry a job's environment tag, whether a PID still names the same live process, who
 * listens on a port, and the state, CPU time and memory a wedge verdict reads.
 *
 * <p>A full scan reads every process's environment and costs tens of milliseconds, so it is used
 * for teardown, adoption and stray reports, never on the respawn path.
 */
public final class ProcessTable implements ProcessEvidence {

    /** Environment variable naming the job a process descends from; inherited across setsid. */
    public static final String JOB_TAG = "LAUNCHGUARD_JOB";
    /** Environment variable naming the run of the job a process descends from. */
    public static final String INSTANCE_TAG = "LAUNCHGUARD_INSTANCE";
    /**
     * Environment variable naming the engine that started the run: its state folder. Two launchguards
     * on one machine may run jobs of the same label; each touches only the processes it owns.
     */
    public static final String OWNER_TAG = "LAUNCHGUARD_OWNER";

    private final OperatingSystem os;
    private final LongSupplier nanos;
    private final ProcessPresence presence = ProcessPresence.system();

    public ProcessTable() {
        this(System::nanoTime);
    }

    /** A table whose samples are stamped by {@code nanos}, the watcher's latency clock. */
    public ProcessTable(LongSupplier nanos) {
        this.os = new SystemInfo().getOperatingSystem();
        this.nanos = nanos;
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

    /**
     * Every live process but this one whose environment holds {@code name=value}, such as launchd's
     * {@code XPC_SERVICE_NAME=<label>}; a process whose environment cannot be read is not listed.
     */
    public List<Long> withEnvironment(String name, String value) {
        long self = ProcessHandle.current().pid();
        List<Long> pids = new ArrayList<>();
        for (OSProcess p : os.getProcesses()) {
            if (p.getProcessID() != self && p.getState() != OSProcess.State.ZOMBIE
                    && value.equals(p.getEnvironmentVariables().get(name))) {
                pids.add((long) p.getProcessID());
            }
        }
        return pids;
    }

    /** The environment of process {@code pid}; empty when it is gone or not readable (another user's). */
    public Map<String, String> environment(long pid) {
        OSProcess p = os.getProcess((int) pid);
        return p == null ? Map.of() : Map.copyOf(p.getEnvironmentVariables());
    }

    /** The process {@code pid}, if it is alive and not a zombie. */
    public Optional<JobProcess> find(long pid) {
        OSProcess p = os.getProcess((int) pid);
        return p == null ? Optional.empty() : row(p);
    }

    /**
     * True while {@code pid} is not known to have ended since {@code started}: a recycled PID has
     * another start time, and a zombie is dead for every purpose here (PID 1 in a container may
     * never reap it). A table that cannot be read (no descriptor left) answers true: a watcher that
     * polls this must not declare a death it could not see, and a teardown waiting for a death
     * waits out its bound instead of taking the read error for one.
     */
    public boolean alive(long pid, Instant started) {
        Optional<Instant> start = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().startInstant());
        if (start.isEmpty()) {
            return !(presence(pid) instanceof ProcessEvidence.Gone);
        }
        if (!start.get().equals(started)) {
            return false;
        }
        OSProcess p = os.getProcess((int) pid);
        return p == null ? !(presence(pid) instanceof ProcessEvidence.Gone) : p.getState() != OSProcess.State.ZOMBIE;
    }

    /** Whether {@code pid} runs; a read that fails is {@link ProcessEvidence.Unknown}, never gone. */
    @Override
    public ProcessEvidence.Presence presence(long pid) {
        return presence.of(pid);
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

    /**
     * Every TCP socket in LISTEN state the operating system shows (oshi reads {@code /proc/net/tcp*}
     * on Linux and libproc's socket file info on macOS, the call {@code lsof} makes), with its local
     * address and owning PID (-1 when the OS does not say: another user's socket).
     */
    public List<Listener> listening() {
        List<Listener> listeners = new ArrayList<>();
        for (InternetProtocolStats.IPConnection c : os.getInternetProtocolStats().getConnections()) {
            if (c.getType().startsWith("tcp") && c.getState() == InternetProtocolStats.TcpState.LISTEN) {
                address(c.getLocalAddress()).ifPresent(a -> listeners.add(new Listener(a, c.getLocalPort(),
                        c.getowningProcessId())));
            }
        }
        return listeners;
    }

    private static Optional<InetAddress> address(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes)); // bytes only: no name look-up
        } catch (UnknownHostException e) {
            return Optional.empty(); // neither 4 nor 16 bytes: not an address oshi should report
        }
    }

    /**
     * Samples the job's whole process tree rooted at {@code pid}: CPU time and memory are summed,
     * and the tree counts as stopped when any process in it is. A server run through a wrapper
     * (npm, a shell) serves from a child, and that child is the one a SIGSTOP or a deadlock hits.
     * A tree that cannot be read whole is {@link ProcessEvidence.Unknown}: a missing child would
     * hide its CPU time or its stop from the verdict.
     */
    @Override
    public ProcessEvidence.Sample sample(long pid) {
        OSProcess root = os.getProcess((int) pid);
        if (root == null || root.getState() == OSProcess.State.INVALID) {
            return unread(pid, "process " + pid);
        }
        if (root.getState() == OSProcess.State.ZOMBIE) {
            return new ProcessEvidence.Gone();
        }
        List<Long> children;
        try {
            children = ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid).toList()).orElse(null);
        } catch (RuntimeException e) {
            // The JDK lists /proc for the descendants: "Too many open files (Unable to open /proc)".
            return new ProcessEvidence.Unknown("the children of process " + pid + " could not be listed: "
                    + e.getMessage());
        }
        if (children == null) {
            return unread(pid, "process " + pid);
        }
        return tree(pid, root, children);
    }

    private ProcessEvidence.Sample tree(long pid, OSProcess root, List<Long> children) {
        char state = letter(root.getState());
        long cpuMillis = root.getKernelTime() + root.getUserTime();
        long rss = root.getResidentMemory();
        for (long child : children) {
            OSProcess p = os.getProcess((int) child);
            if (p == null || p.getState() == OSProcess.State.INVALID) {
                ProcessEvidence.Sample missing = unread(child, "child " + child + " of process " + pid);
                if (missing instanceof ProcessEvidence.Gone) {
                    continue; // ended between the listing and the read
                }
                return missing;
            }
            cpuMillis += p.getKernelTime() + p.getUserTime();
            rss += p.getResidentMemory();
            if (letter(p.getState()) == 'T') {
                state = 'T';
            }
        }
        return new ProcessEvidence.Alive(new ProcessSample(pid, state, Duration.ofMillis(cpuMillis), rss,
                nanos.getAsLong()));
    }

    /**
     * oshi answers null both for a process that has ended and for one whose files could not be read,
     * so the presence read decides which: gone only on proof.
     */
    private ProcessEvidence.Sample unread(long pid, String what) {
        ProcessEvidence.Presence now = presence(pid);
        if (now instanceof ProcessEvidence.Gone gone) {
            return gone;
        }
        return now instanceof ProcessEvidence.Unknown unknown ? unknown
                : new ProcessEvidence.Unknown(what + " runs but its table entry could not be read");
    }

    /** ps(1)'s one-letter states, so evidence reads the same on Linux and macOS. */
    static char letter(OSProcess.State state) {
        switch (state) {
            case RUNNING:
                return 'R';
            case SLEEPING:
                return 'S';
            case WAITING:
                return 'D';
            case STOPPED:
            case SUSPENDED:
                return 'T';
            case ZOMBIE:
                return 'Z';
            default:
                return '?';
        }
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
                Optional.ofNullable(env.get(OWNER_TAG)), p.getArguments(), p.getState() == OSProcess.State.STOPPED));
    }

    /**
     * A listening TCP socket.
     *
     * @param address the local address (the wildcard {@code 0.0.0.0} or {@code ::} for every address)
     * @param pid the owning process, or -1 when the OS does not say
     */
    public record Listener(InetAddress address, int port, long pid) {
        public Listener {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * A socket bound on one of a job's ports.
     *
     * @param pid the owning process, or -1 when the OS does not say (another user's socket)
     */
    public record PortOwner(int port, long pid) {
    }

}
