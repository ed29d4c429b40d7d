/**
 * Alerts from the drift, uptime and stray watchers and the supervisor's own incidents
 * ({@code Incidents}, behind {@code SupervisorEvents}): N-failures/M-successes state per check, and
 * the log, webhook, command and Alertmanager sinks it fires. Knows nothing of jobs or the
 * supervisor; must not import {@code supervisor}, {@code watch}, {@code api} or {@code daemon}.
 */
package dev.launchguard.alert;
