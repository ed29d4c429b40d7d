package dev.launchguard.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * One kept snapshot of a job, as listed: the whole snapshot is read by its {@code id}.
 *
 * @param reason the restart's reason tag (wedge, manual, crash)
 * @param pid the instance it was taken of
 * @param bytes its size on disk
 * @param complete false when part of it was cut at the budget
 */
public record SnapshotEntry(String id, Instant at, String reason, long pid, long bytes, boolean complete) {

    public SnapshotEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
