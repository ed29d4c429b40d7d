package dev.launchguard.process;

import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The process table through oshi: state, CPU time and resident memory of one process. Reading one
 * process costs microseconds (one /proc read on Linux), far less than waiting for a probe to time out.
 */
public final class ProcessTable implements ProcessEvidence {

    private final OperatingSystem os;
    private final LongSupplier nanos;

    public ProcessTable(LongSupplier nanos) {
        this.os = new SystemInfo().getOperatingSystem();
        this.nanos = nanos;
    }

    /**
     * Samples the job's whole process tree rooted at {@code pid}: CPU time and memory are summed,
     * and the tree counts as stopped when any process in it is. A server run through a wrapper
     * (npm, a shell) serves from a child, and that child is the one a SIGSTOP or a deadlock hits.
     */
    @Override
    public Optional<ProcessSample> sample(long pid) {
        OSProcess root = os.getProcess((int) pid);
        if (root == null || root.getState() == OSProcess.State.INVALID) {
            return Optional.empty();
        }
        char state = letter(root.getState());
        long cpuMillis = root.getKernelTime() + root.getUserTime();
        long rss = root.getResidentMemory();
        List<Long> children = ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid).toList())
                .orElse(List.of());
        for (long child : children) {
            OSProcess p = os.getProcess((int) child);
            if (p == null || p.getState() == OSProcess.State.INVALID) {
                continue;
            }
            cpuMillis += p.getKernelTime() + p.getUserTime();
            rss += p.getResidentMemory();
            if (letter(p.getState()) == 'T') {
                state = 'T';
            }
        }
        return Optional.of(new ProcessSample(pid, state, Duration.ofMillis(cpuMillis), rss, nanos.getAsLong()));
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
}
