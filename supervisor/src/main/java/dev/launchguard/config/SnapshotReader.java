package dev.launchguard.config;

import java.util.Optional;
import java.util.Set;

/** Reads the {@code snapshot} block. */
final class SnapshotReader {

    private static final Set<String> KEYS = Set.of("enabled", "budget", "keep", "maxBytes", "maxJobBytes");
    /** A budget past this holds a wedged job's kill too long: the issue asks for well under a second. */
    private static final java.time.Duration MAX_BUDGET = java.time.Duration.ofSeconds(10);
    private static final int MAX_KEEP = 1000;
    /** Below this a thread dump of a small JVM does not fit. */
    private static final int MIN_BYTES = 16 * 1024;
    private static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final int MAX_JOB_BYTES = 1024 * 1024 * 1024;

    private SnapshotReader() {
    }

    static SnapshotConfig read(Optional<ConfigNode> block) {
        return block.map(SnapshotReader::read).orElse(SnapshotConfig.defaults());
    }

    private static SnapshotConfig read(ConfigNode node) {
        node.rejectUnknownKeys(KEYS);
        java.time.Duration budget = node.duration("budget").orElse(ConfigDefaults.SNAPSHOT_BUDGET);
        if (budget.compareTo(MAX_BUDGET) > 0) {
            throw node.error("budget", budget.toMillis() + " ms is longer than the allowed 10s: the kill of a wedged "
                    + "job waits for it (the default is " + ConfigDefaults.SNAPSHOT_BUDGET.toMillis() + "ms)");
        }
        int max = node.integer("maxBytes", MIN_BYTES, MAX_BYTES).orElse(ConfigDefaults.SNAPSHOT_MAX_BYTES);
        int perJob = node.integer("maxJobBytes", MIN_BYTES, MAX_JOB_BYTES)
                .orElse(Math.max(max, ConfigDefaults.SNAPSHOT_MAX_JOB_BYTES));
        if (perJob < max) {
            throw node.error("maxJobBytes", perJob + " is smaller than maxBytes " + max
                    + "; a job's snapshots together must hold at least one");
        }
        return new SnapshotConfig(node.bool("enabled").orElse(true), budget,
                node.integer("keep", 1, MAX_KEEP).orElse(ConfigDefaults.SNAPSHOT_KEEP), max, perJob);
    }
}
