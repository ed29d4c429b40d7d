package dev.launchguard.health;

import java.time.Duration;
import java.util.Objects;

/**
 * What the process table says about one process at one moment: the evidence a wedge verdict reads.
 *
 * @param pid the process
 * @param state the one-letter state as ps(1) shows it: R running, S sleeping, T stopped, Z zombie
 * @param cpuTime user plus system CPU time consumed so far
 * @param residentBytes resident set size
 * @param atNanos when the sample was taken, on the watcher's nano clock
 */
public record ProcessSample(long pid, char state, Duration cpuTime, long residentBytes, long atNanos) {

    public ProcessSample {
        Objects.requireNonNull(cpuTime, "cpuTime");
    }

    /** Stopped by a signal (SIGSTOP, SIGTSTP) or a debugger: it cannot answer anything. */
    public boolean stopped() {
        return state == 'T' || state == 't';
    }

    /** CPU used between {@code earlier} and this sample, as a fraction of one core. */
    public double cpuShareSince(ProcessSample earlier) {
        long wall = atNanos - earlier.atNanos;
        if (wall <= 0) {
            return 0;
        }
        return (double) cpuTime.minus(earlier.cpuTime).toNanos() / wall;
    }
}
