package dev.launchguard.supervisor;

import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.time.Moment;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Collects the moments of one respawn as they are observed, then turns them into a
 * {@link RespawnRecord}. Every part is measured on the monotonic clock, so a wall-clock step changes
 * none; the wall clock only labels when the old instance stopped serving. A phase whose boundary
 * was not observed counts as zero; the total is always measured end to end.
 */
final class RespawnTracker {

    private final RestartReason cause;
    private final Moment stoppedServing;
    private final Duration detection;
    private final OptionalLong oldPid;
    private Moment killDone;
    private Moment newStart;
    private long newPid;
    private Moment portOpen;

    RespawnTracker(RestartReason cause, Moment stoppedServing, Duration detection, OptionalLong oldPid) {
        this.cause = cause;
        this.stoppedServing = stoppedServing;
        this.detection = detection;
        this.oldPid = oldPid;
    }

    RestartReason cause() {
        return cause;
    }

    /** The instance being replaced, empty when none was known. */
    OptionalLong oldPid() {
        return oldPid;
    }

    boolean isOld(long pid) {
        return oldPid.isPresent() && oldPid.getAsLong() == pid;
    }

    /** The old instance is gone (for a crash: its exit). Only the first report counts. */
    void killDone(Moment at) {
        if (killDone == null) {
            killDone = at;
        }
    }

    /** The new instance exists, started at {@code startedAt}. */
    void spawned(long pid, Moment startedAt) {
        newPid = pid;
        newStart = startedAt;
    }

    boolean portOpen() {
        return portOpen != null;
    }

    void portOpened(Moment at) {
        if (portOpen == null) {
            portOpen = at;
        }
    }

    RespawnRecord finish(Moment ready) {
        Moment killed = killDone == null ? stoppedServing : killDone;
        Moment started = newStart == null ? killed : newStart;
        Moment port = portOpen == null ? ready : portOpen;
        return new RespawnRecord(cause, stoppedServing.wall(), oldPid,
                newPid == 0 ? OptionalLong.empty() : OptionalLong.of(newPid), stoppedServing.until(ready), detection,
                stoppedServing.until(killed), killed.until(started), started.until(port), port.until(ready));
    }
}
