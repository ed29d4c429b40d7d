package dev.launchguard.job;

/** Whether a job's process is running, as launchd's {@code state = ...} line reports it. */
public enum RunState {
    /** A process is running ({@code state = running}). */
    RUNNING,
    /** Loaded, no process ({@code state = not running}). */
    NOT_RUNNING,
    /** A respawn is pending, held back by the throttle ({@code state = spawn scheduled}). */
    SPAWN_SCHEDULED,
    /** Waiting for an event such as a timer or a path ({@code state = waiting}). */
    WAITING,
    /** A state string this version of launchguard does not know; kept rather than guessed. */
    UNKNOWN
}
