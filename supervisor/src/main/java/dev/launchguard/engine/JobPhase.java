package dev.launchguard.engine;

import dev.launchguard.job.RunState;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one loaded job is in its life inside the engine, with the table of allowed moves.
 *
 * <p>STOPPING is the "should run" predicate flipped off: once a job enters it, no exit handler,
 * timer or kickstart may start a process again, which is what makes a verified bootout safe
 * against a KeepAlive respawn slipping in.
 */
enum JobPhase {
    /** Loaded, no process, nothing pending (launchd: {@code not running} or {@code waiting}). */
    IDLE,
    /** A process of the job runs. */
    RUNNING,
    /** A respawn is due once the ThrottleInterval remainder has passed. */
    THROTTLED,
    /** Bootout in progress: the tree is being stopped and nothing may start. */
    STOPPING,
    /** Booted out; the job object is dead. */
    UNLOADED;

    private static final Map<JobPhase, Set<JobPhase>> MOVES = Map.of(
            IDLE, EnumSet.of(RUNNING, THROTTLED, STOPPING),
            RUNNING, EnumSet.of(IDLE, THROTTLED, RUNNING, STOPPING),
            THROTTLED, EnumSet.of(RUNNING, IDLE, STOPPING),
            STOPPING, EnumSet.of(UNLOADED),
            UNLOADED, EnumSet.noneOf(JobPhase.class));

    /** Returns {@code to} if the move is allowed; throws naming the job and both phases otherwise. */
    JobPhase moveTo(JobPhase to, String label) {
        if (!MOVES.get(this).contains(to)) {
            throw new IllegalStateException("job '" + label + "' cannot move from " + this + " to " + to);
        }
        return to;
    }

    /** True when no process may be started in this phase. */
    boolean startForbidden() {
        return this == STOPPING || this == UNLOADED;
    }

    /** The launchd run state this phase reports as; {@code waits} says an IDLE job has a trigger. */
    RunState runState(boolean waits) {
        return switch (this) {
            case RUNNING, STOPPING -> RunState.RUNNING;
            case THROTTLED -> RunState.SPAWN_SCHEDULED;
            case IDLE -> waits ? RunState.WAITING : RunState.NOT_RUNNING;
            case UNLOADED -> RunState.NOT_RUNNING;
        };
    }
}
