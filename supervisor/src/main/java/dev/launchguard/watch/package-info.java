/**
 * The watchers inside a running launchguard: {@link dev.launchguard.watch.Watchers} runs the drift,
 * uptime and stray features each on its interval ({@code WatchLoop}), exports their results as
 * metrics, turns them into alerts and keeps the latest report of each for the API
 * ({@link dev.launchguard.watch.WatchView}, {@link dev.launchguard.watch.WatchState}), in one JSON shape
 * ({@link dev.launchguard.watch.WatchJson}). It composes {@code drift}, {@code uptime}, {@code strays}
 * and {@code doctor}, which must never import it back, and reads the fleet only through {@code fleet};
 * it must not import {@code supervisor}, {@code api} or {@code cli}.
 */
package dev.launchguard.watch;
