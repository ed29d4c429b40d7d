package dev.launchguard.supervisor;

import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher's looks at the process table. A look that cannot read the table (no descriptor left,
 * permission denied) is counted and logged at DEBUG, and answers neither "gone" nor a sample: the
 * watcher draws no verdict from it and keeps probing on its schedule.
 */
final class ProcessLooks {

    private static final Logger log = LoggerFactory.getLogger(ProcessLooks.class);

    private final String label;
    private final ProcessEvidence evidence;
    private final Metrics metrics;

    ProcessLooks(String label, ProcessEvidence evidence, Metrics metrics) {
        this.label = label;
        this.evidence = evidence;
        this.metrics = metrics;
    }

    /** Whether {@code pid} has positively ended; a table that cannot be read says no. */
    boolean gone(long pid) {
        ProcessEvidence.Presence now = evidence.presence(pid);
        if (now instanceof ProcessEvidence.Unknown unknown) {
            unknown(pid, unknown);
        }
        return now instanceof ProcessEvidence.Gone;
    }

    /** The process tree rooted at {@code pid}; an unknown answer is recorded before it is returned. */
    ProcessEvidence.Sample sample(long pid) {
        ProcessEvidence.Sample now = evidence.sample(pid);
        if (now instanceof ProcessEvidence.Unknown unknown) {
            unknown(pid, unknown);
        }
        return now;
    }

    private void unknown(long pid, ProcessEvidence.Unknown unknown) {
        metrics.evidenceUnknown(label);
        log.debug("Process evidence unknown, no verdict from it job={} pid={} reason=\"{}\"", label, pid,
                unknown.reason());
    }
}
