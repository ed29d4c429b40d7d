/**
 * The supervisor's read model: {@link dev.launchguard.fleet.FleetView}, what the API, the watchers
 * and the CLI may see of and ask of the running fleet, and the snapshots it hands out
 * ({@link dev.launchguard.fleet.JobView}, {@link dev.launchguard.fleet.ProbeView}, the restart and
 * respawn records, the {@link dev.launchguard.fleet.LoadedPlist} a job runs under). It holds no
 * runtime state and must not import {@code supervisor}, {@code api}, {@code watch}, {@code engine}
 * or {@code launchctl}: consumers depend on it, never on the supervisor's implementation.
 */
package dev.launchguard.fleet;
