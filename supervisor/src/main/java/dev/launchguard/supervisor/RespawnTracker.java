package dev.launchguard.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Collects the timestamps of one respawn as they are observed, then turns them into a
 * {@link RespawnRecord}. A phase whose boundary was not observed counts as zero; the total is
 * always measured end to end.
 */
final class RespawnTracker {

    private final String cause;
    private final Instant stoppedServingAt;
    private final Duration detection;
    private final OptionalLong oldPid;
    private Instant killDoneAt;
    private Instant newStartAt;
    private long newPid;
    private Instant portOpenAt;

    RespawnTracker(String cause, Instant stoppedServingAt, Duration detection, OptionalLong oldPid) {
        this.cause = cause;
        this.stoppedServingAt = stoppedServingAt;
        this.detection = detection;
        this.oldPid = oldPid;
    }

    String cause() {
        return cause;
    }

    Instant stoppedServingAt() {
        return stoppedServingAt;
    }

    /** The instance being replaced, empty when none was known. */
    OptionalLong oldPid() {
        return oldPid;
    }

    boolean isOld(long pid) {
        return oldPid.isPresent() && oldPid.getAsLong() == pid;
    }

    /** The old instance is gone (for a crash: its exit). Only the first report counts. */
    void killDone(Instant at) {
        if (killDoneAt == null) {
            killDoneAt = at;
        }
    }

    /** The new instance exists, started at {@code startedAt} by the OS's account. */
    void spawned(long pid, Instant startedAt) {
        newPid = pid;
        newStartAt = startedAt;
    }

    boolean spawned() {
        return newPid != 0;
    }

    boolean portOpen() {
        return portOpenAt != null;
    }

    void portOpened(Instant at) {
        if (portOpenAt == null) {
            portOpenAt = at;
        }
    }

    RespawnRecord finish(Instant readyAt) {
        Instant killed = killDoneAt == null ? stoppedServingAt : killDoneAt;
        Instant started = newStartAt == null ? killed : newStartAt;
        Instant port = portOpenAt == null ? readyAt : portOpenAt;
        return new RespawnRecord(cause, stoppedServingAt, oldPid,
                newPid == 0 ? OptionalLong.empty() : OptionalLong.of(newPid),
                between(stoppedServingAt, readyAt), detection, between(stoppedServingAt, killed),
                between(killed, started), between(started, port), between(port, readyAt));
    }

    /** Clock granularity (process start times tick in 10 ms) can put boundaries slightly out of order. */
    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
