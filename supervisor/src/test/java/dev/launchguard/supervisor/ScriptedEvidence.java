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

    /** How every PID reads. */
    enum Reading { RUNNING, GONE, UNREADABLE }

    static final String UNREADABLE_REASON = "/proc/100/stat: Too many open files";

    private final LongSupplier nanos;
    private Reading reading = Reading.RUNNING;
    private int samples;

    ScriptedEvidence(LongSupplier nanos) {
        this.nanos = nanos;
    }

    void reads(Reading next) {
        reading = next;
    }

    /** How many samples (the verdict's reads) were taken. */
    int samples() {
        return samples;
    }

    @Override
    public Presence presence(long pid) {
        switch (reading) {
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
        switch (reading) {
            case GONE:
                return new Gone();
            case UNREADABLE:
                return new Unknown(UNREADABLE_REASON);
            default:
                return new Alive(new ProcessSample(pid, 'S', Duration.ofMillis(40), 50_000_000, nanos.getAsLong()));
        }
    }
}
