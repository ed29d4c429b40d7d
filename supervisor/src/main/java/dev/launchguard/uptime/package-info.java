/**
 * Uptime: an uptime file's endpoints ({@link dev.launchguard.uptime.UptimeFile}) asked once over
 * HTTP(S), following redirects and reading every certificate's expiry
 * ({@link dev.launchguard.uptime.UptimeWatcher}), giving a {@link dev.launchguard.uptime.UptimeReport}.
 * It knows nothing of the fleet: it must not import {@code watch} (which schedules it),
 * {@code fleet}, {@code supervisor}, {@code api}, {@code cli} or the other watcher features.
 */
package dev.launchguard.uptime;
