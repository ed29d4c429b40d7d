package dev.launchguard.supervisor;

import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A process table the test decides: every PID reads as running (an idle process: its CPU time
 * never grows), as gone, or as unreadable, the way a table reads with no file descriptor left.
 */
final class ScriptedEvidence implements ProcessEvidence {

    /** How every PID reads: running idle, running busy (90% of a core), stopped by SIGSTOP (state T), gone, unreadable. */
    enum Reading { RUNNING, BUSY, STOPPED, GONE, UNREADABLE }

    static final String UNREADABLE_REASON = "/proc/100/stat: Too many open files";

    private final LongSupplier nanos;
    private Reading reading = Reading.RUNNING;
    private final java.util.Map<Long, Reading> byPid = new java.util.HashMap<>();
    private int samples;

    ScriptedEvidence(LongSupplier nanos) {
        this.nanos = nanos;
    }

    void reads(Reading next) {
        reading = next;
        byPid.clear();
    }

    /** How {@code pid} alone reads from now on; the others keep the common reading. */
    void reads(long pid, Reading next) {
        byPid.put(pid, next);
    }

    private Reading of(long pid) {
        return byPid.getOrDefault(pid, reading);
    }

    /** How many samples (the verdict's reads) were taken. */
    int samples() {
        return samples;
    }

    @Override
    public Presence presence(long pid) {
        switch (of(pid)) {
            case GONE:
                return new Gone();
            case UNREADABLE:
                return new Unknown(UNREADABLE_REASON);
            default:
                return new Running();
        }
    }

    @Override
    public Sample sample(long pid) {
        samples++;
        Reading reading = of(pid);
        switch (reading) {
            case GONE:
                return new Gone();
            case UNREADABLE:
                return new Unknown(UNREADABLE_REASON);
            default:
                char state = reading == Reading.STOPPED ? 'T' : reading == Reading.BUSY ? 'R' : 'S';
                long now = nanos.getAsLong();
                Duration cpu = reading == Reading.BUSY ? Duration.ofNanos(now / 10 * 9) : Duration.ofMillis(40);
                return new Alive(new ProcessSample(pid, state, cpu, 50_000_000, now));
        }
    }
}
