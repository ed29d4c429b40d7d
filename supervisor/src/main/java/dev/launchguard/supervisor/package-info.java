/**
 * The supervisor's implementation: one {@link dev.launchguard.supervisor.JobWatcher} per job running
 * its probes, verdicts and restarts on its own serial executor, and
 * {@link dev.launchguard.supervisor.Supervisor}, which serves the {@code fleet} read model. Only the
 * composition root ({@code daemon}) imports this package; it must not import {@code api},
 * {@code watch}, {@code cli} or the watcher features, and it talks to launchd or the embedded engine
 * only through the {@code job} seam.
 */
package dev.launchguard.supervisor;
