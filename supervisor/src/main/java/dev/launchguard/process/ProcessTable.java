package dev.launchguard.process;

import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import java.time.Duration;
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

    @Override
    public Optional<ProcessSample> sample(long pid) {
        OSProcess p = os.getProcess((int) pid);
        if (p == null || p.getState() == OSProcess.State.INVALID) {
            return Optional.empty();
        }
        return Optional.of(new ProcessSample(pid, letter(p.getState()),
                Duration.ofMillis(p.getKernelTime() + p.getUserTime()), p.getResidentMemory(), nanos.getAsLong()));
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
