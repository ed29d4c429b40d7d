package dev.launchguard.health;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job's health as launchguard judges it, with the table of allowed moves. An illegal move is a
 * bug, and {@link #check} throws naming the job and both states.
 */
public enum HealthState {
    /** Spawned; the startup probe has not succeeded yet (a model may be loading). */
    STARTING,
    /** Serving: the ready probe succeeds. */
    READY,
    /** Liveness has started failing; evidence is being gathered. */
    SUSPECT,
    /** Judged wedged from evidence; about to be killed. */
    WEDGED,
    /** Killed or crashed, a new instance is on its way; probing fast until ready. */
    RECOVERING,
    /** The process exited on its own. */
    CRASHED,
    /** Too many restarts: launchguard stopped restarting it and alerted. */
    QUARANTINED,
    /** Not running: not loaded, or loaded and waiting for launchd to start it (a StartInterval job). */
    STOPPED,
    /**
     * Disabled by an operator ({@code launchguard disable}, {@code launchctl disable}): a persistent
     * override, kept across restarts, that only {@code enable} clears. Never probed or restarted.
     */
    DISABLED;

    private static final Map<HealthState, Set<HealthState>> MOVES = Map.of(
            STARTING, EnumSet.of(READY, WEDGED, CRASHED, STOPPED, RECOVERING, DISABLED),
            READY, EnumSet.of(SUSPECT, CRASHED, STOPPED, RECOVERING, WEDGED, DISABLED),
            SUSPECT, EnumSet.of(READY, WEDGED, CRASHED, STOPPED, RECOVERING, DISABLED),
            WEDGED, EnumSet.of(RECOVERING, QUARANTINED, CRASHED, STOPPED, DISABLED),
            RECOVERING, EnumSet.of(READY, WEDGED, CRASHED, QUARANTINED, STOPPED, STARTING, DISABLED),
            CRASHED, EnumSet.of(RECOVERING, STARTING, QUARANTINED, STOPPED, DISABLED),
            QUARANTINED, EnumSet.of(RECOVERING, STARTING, READY, STOPPED, DISABLED),
            STOPPED, EnumSet.of(STARTING, RECOVERING, READY, CRASHED, DISABLED),
            DISABLED, EnumSet.of(STOPPED, STARTING, RECOVERING));

    /** Whether the table allows a move from this state to {@code next}. */
    public boolean canMoveTo(HealthState next) {
        return MOVES.get(this).contains(next);
    }

    /** Returns {@code next} if the move is allowed, else throws naming the job and both states. */
    public HealthState check(String label, HealthState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("job '" + label + "' cannot move from " + this + " to " + next);
        }
        return next;
    }

    /** The lower-case name used as the {@code state} metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
