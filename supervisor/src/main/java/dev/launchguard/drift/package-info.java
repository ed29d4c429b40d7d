/**
 * Drift: a drift file's checks ({@link dev.launchguard.drift.DriftFile},
 * {@link dev.launchguard.drift.DriftCheck}) run once against the job manager's view
 * ({@link dev.launchguard.drift.JobDirectory}), the process table and the disk
 * ({@link dev.launchguard.drift.DriftWatcher}), giving a {@link dev.launchguard.drift.DriftReport}.
 * It reads the fleet only through {@code JobDirectory} and {@code fleet}'s records; it must not import
 * {@code watch} (which schedules it), {@code supervisor}, {@code api}, {@code cli} or the other watcher
 * features.
 */
package dev.launchguard.drift;
