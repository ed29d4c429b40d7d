/**
 * A running launchguard: {@code Launchguard}, the one composition root (job manager, process table,
 * storm guard, judge, watcher pools, supervisor, watchers, API), and an instance's life around it: its
 * state lock, SIGTERM/SIGINT and SIGHUP handling, the demo fleet. The top floor: nothing imports it
 * but {@code cli}.
 */
package dev.launchguard.daemon;
