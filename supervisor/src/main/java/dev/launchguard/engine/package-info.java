/**
 * The embedded job engine: launchd's semantics off macOS (KeepAlive, RunAtLoad, ThrottleInterval,
 * StartInterval, ExitTimeOut), processes tagged and torn down verifiably, adoption after its own
 * death, orphan reaping as PID 1. Reports spawns and exits through {@code job.JobEvents}; must not
 * import {@code supervisor}, {@code api}, {@code watch} or {@code daemon}.
 */
package dev.launchguard.engine;
