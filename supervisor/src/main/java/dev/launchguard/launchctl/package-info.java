/**
 * The macOS {@code JobManager}: drives launchd through {@code /bin/launchctl} with argument arrays,
 * parses its output (unit-tested against captured Mac output), and reports the PIDs it shows as
 * spawn and exit events ({@code ReportingJobManager}). Must not import {@code supervisor},
 * {@code engine}, {@code api} or {@code daemon}.
 */
package dev.launchguard.launchctl;
