/**
 * The doctor's comparison of the job manager's view with the process table
 * ({@link dev.launchguard.doctor.Diagnosis}: duplicates, copies, squatters, ghosts, plist drift) and
 * what a job's plist on disk adds to it ({@link dev.launchguard.doctor.PlistOnDisk}); used by
 * {@code launchguard doctor}, the chaos campaign's leftover check and the stray watcher. It must not
 * import {@code watch}, {@code strays}, {@code supervisor}, {@code api}, {@code client} or {@code cli}.
 */
package dev.launchguard.doctor;
