/**
 * The restart act and what may restart: the storm guard (a resilience4j breaker per job, their only
 * user), the host restart budget, the {@code Restarter} that kickstarts, retries and quarantines and
 * returns a {@code RestartOutcome}. Must not import {@code supervisor}, {@code engine} or
 * {@code launchctl}: it acts through {@code job.JobManager}.
 */
package dev.launchguard.recovery;
