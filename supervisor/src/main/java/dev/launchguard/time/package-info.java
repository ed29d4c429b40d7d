/**
 * Time as the supervisor needs it, and how a latency reads for an operator: a monotonic source for every duration it measures (budgets,
 * latencies, windows, throttles), so a wall-clock step changes no verdict and no latency, and the
 * wall clock only to label events. Imports nothing of launchguard's.
 */
package dev.launchguard.time;
