package dev.launchguard.fleet;

import dev.launchguard.recovery.RestartReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One restart and why it happened.
 *
 * @param reason why (its tag is the {@code reason} metric tag)
 * @param evidence the facts behind it: the verdict's evidence, or the exit status of a crash
 * @param oldPid the instance that was replaced
 * @param snapshot the id of the evidence kept before the kill (or after the crash), when one was kept
 */
public record RestartRecord(Instant at, RestartReason reason, String evidence, OptionalLong oldPid,
        Optional<String> snapshot) {

    public RestartRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(oldPid, "oldPid");
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
