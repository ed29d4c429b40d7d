package dev.launchguard.api;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalInt;

/**
 * How many API connections launchguard serves at once, so that the API can never take the file
 * descriptors supervision needs: probes, spawns (pipes, log files) and reads of the process table
 * all fail with "Too many open files" otherwise, and a failed read once looked like a dead job.
 *
 * <p>Up to {@link #max()} connections are served. Beyond that a connection is accepted only to be
 * answered 503 with {@code Retry-After} and closed ({@link #tryShed()}); at most {@link #SHED} of
 * those at a time, after which the server stops accepting until a connection closes (the kernel's
 * backlog holds the rest, costing no descriptor of ours). Owned by the API's single event loop;
 * the counters are plain fields for that reason.
 */
final class ConnectionLimit {

    /** Descriptors that always stay free for the supervisor, whatever the API holds (issue 14). */
    static final int RESERVE = 32;
    /**
     * What one job may hold at once: a connection per probe role (3), a spawn's pipes (3) and the
     * job's stdout and stderr log files (2).
     */
    static final int PER_JOB = 8;
    /** Connections being answered 503 at once; each lingers briefly so the answer is not lost to a reset. */
    static final int SHED = 16;
    /** Without a Unix file limit to derive from (or a very high one), this many is plenty for a loopback API. */
    static final int CEILING = 512;

    private final int max;
    private int serving;
    private int shedding;

    ConnectionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("API connection limit " + max + " must be at least 1");
        }
        this.max = max;
    }

    /**
     * The cap from the process's file limit: what is left after the descriptors already open, the
     * reserve, each job's share and the shedding slots; at least 1, at most {@link #CEILING}.
     */
    static int derive(long fileLimit, long openNow, int jobs) {
        if (fileLimit <= 0 || openNow < 0) {
            return CEILING;
        }
        long left = fileLimit - openNow - RESERVE - (long) PER_JOB * jobs - SHED;
        return (int) Math.max(1, Math.min(CEILING, left));
    }

    /** The configured cap, else one derived from this process's file limit now. */
    static ConnectionLimit of(OptionalInt configured, int jobs) {
        if (configured.isPresent()) {
            return new ConnectionLimit(configured.getAsInt());
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return new ConnectionLimit(derive(unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount(), jobs));
        }
        return new ConnectionLimit(CEILING);
    }

    int max() {
        return max;
    }

    /** Takes a serving slot if one is free. */
    boolean tryServe() {
        if (serving >= max) {
            return false;
        }
        serving++;
        return true;
    }

    /** Takes a shedding slot if one is free; a connection that gets neither is closed at once. */
    boolean tryShed() {
        if (shedding >= SHED) {
            return false;
        }
        shedding++;
        return true;
    }

    void served() {
        serving--;
    }

    void shed() {
        shedding--;
    }

    /** Whether every slot, serving and shedding, is taken: time to stop accepting. */
    boolean full() {
        return serving >= max && shedding >= SHED;
    }
}
