/**
 * Evidence kept at every restart: before a wedged (or manually kickstarted) instance is killed, a
 * snapshot gathered within a budget (its threads' states and wait channels, CPU, RSS and open
 * files, the tails of its log files, a thread dump where the runtime offers one), redacted, and kept
 * per job in the state folder, bounded by count and size. Reads the job's plist through
 * {@code plist} and its settings from {@code config}; starts tools with argument arrays, never a
 * shell. Must not import {@code supervisor}, {@code api}, {@code cli}, {@code daemon},
 * {@code engine} or {@code launchctl}.
 */
package dev.launchguard.snapshot;
