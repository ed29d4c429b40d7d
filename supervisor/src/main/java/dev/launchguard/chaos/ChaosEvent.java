package dev.launchguard.chaos;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One injected fault and what became of it: an {@code event} line of the results, as
 * {@link ResultsLog} writes it and {@code launchguard report} reads it. A recovered event has a new
 * PID and a respawn latency; one that did not recover has an error instead.
 *
 * @param label the job, or {@link FaultPlan#LAUNCHGUARD} for a kill of launchguard itself
 * @param oldPid the instance the fault hit; empty when the event failed before one was known
 * @param newPid the instance that replaced it, once READY
 * @param cause launchguard's name for what it saw ({@code crash}, {@code wedge}); empty for launchguard itself
 * @param respawnMillis launchguard's respawn latency (from the moment the old instance stopped serving to
 *     the new one's first ready probe); for a kill of launchguard, from the kill until it answered again
 *     with every job READY
 * @param faultToReadyMillis from the injection to the first READY seen by the campaign
 * @param phases the respawn's parts; empty for launchguard itself
 * @param error why the event did not recover, when it did not
 */
public record ChaosEvent(int seq, String label, Fault fault, Instant faultAt, OptionalLong oldPid, OptionalLong newPid,
        boolean recovered, Optional<String> cause, OptionalDouble respawnMillis, OptionalDouble faultToReadyMillis,
        Optional<RespawnPhases> phases, Optional<String> error) {

    public ChaosEvent {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(faultAt, "faultAt");
        if (recovered == error.isPresent()) {
            throw new IllegalArgumentException("event " + seq + " must carry an error exactly when it did not recover");
        }
    }

    /** A fault that was injected (or attempted) but not recovered from. */
    public static ChaosEvent failed(int seq, String label, Fault fault, Instant faultAt, OptionalLong oldPid,
            String error) {
        return new ChaosEvent(seq, label, fault, faultAt, oldPid, OptionalLong.empty(), false, Optional.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty(), Optional.of(error));
    }
}
