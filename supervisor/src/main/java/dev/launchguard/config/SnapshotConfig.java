package dev.launchguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code snapshot} block of {@code launchguard.yaml}: the evidence gathered from a wedged
 * instance before it is killed (docs/operations.md, Snapshots).
 *
 * @param enabled false keeps no snapshot at all
 * @param budget how long gathering may hold up the kill; when it runs out the kill goes ahead with
 *     what was gathered
 * @param keep how many snapshots are kept per job, the oldest removed first
 * @param maxBytes the size cap of one snapshot (its thread dump and log tails are trimmed to it)
 * @param maxJobBytes the size cap of one job's snapshots together, the oldest removed first
 */
public record SnapshotConfig(boolean enabled, Duration budget, int keep, int maxBytes, int maxJobBytes) {

    public SnapshotConfig {
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("snapshot budget " + budget + " must be longer than zero");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("snapshot keep " + keep + " must be at least 1");
        }
        if (maxBytes < 1 || maxJobBytes < maxBytes) {
            throw new IllegalArgumentException("snapshot maxJobBytes " + maxJobBytes + " must be at least maxBytes "
                    + maxBytes);
        }
    }

    public static SnapshotConfig defaults() {
        return new SnapshotConfig(true, ConfigDefaults.SNAPSHOT_BUDGET, ConfigDefaults.SNAPSHOT_KEEP,
                ConfigDefaults.SNAPSHOT_MAX_BYTES, ConfigDefaults.SNAPSHOT_MAX_JOB_BYTES);
    }

    /** No snapshot is taken: for tests and for {@code snapshot.enabled: false}. */
    public static SnapshotConfig disabled() {
        SnapshotConfig d = defaults();
        return new SnapshotConfig(false, d.budget(), d.keep(), d.maxBytes(), d.maxJobBytes());
    }
}
