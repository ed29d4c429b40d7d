/**
 * Every meter, behind intent methods ({@code probeFinished}, {@code restarted}); per-job meters
 * registered at zero. The only user of Micrometer's registry API. Must not import {@code supervisor},
 * {@code api} or {@code engine}.
 */
package dev.launchguard.metrics;
