package dev.launchguard.chaos;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One injected fault and what became of it.
 *
 * @param label the job, or {@link FaultPlan#LAUNCHGUARD} for a kill of launchguard itself
 * @param oldPid the instance the fault hit
 * @param newPid the instance that replaced it, once READY
 * @param cause launchguard's name for what it saw ({@code crash}, {@code wedge}); empty for launchguard itself
 * @param respawn launchguard's respawn latency (from the moment the old instance stopped serving to the
 *     new one's first ready probe); for a kill of launchguard, from the kill until it answered again
 *     with every job READY
 * @param faultToReady from the injection to the first READY seen by the campaign
 * @param phasesMillis the respawn's parts in milliseconds (detection, kill, spawnWait, startToPort,
 *     portToReady); empty for launchguard itself
 * @param error why the event did not recover, when it did not
 */
public record ChaosEvent(int seq, String label, Fault fault, Instant faultAt, OptionalLong oldPid, OptionalLong newPid,
        boolean recovered, Optional<String> cause, OptionalDouble respawn, OptionalDouble faultToReady,
        Map<String, Double> phasesMillis, Optional<String> error) {

    public ChaosEvent {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(faultAt, "faultAt");
        phasesMillis = Map.copyOf(phasesMillis);
        if (recovered == error.isPresent()) {
            throw new IllegalArgumentException("event " + seq + " must carry an error exactly when it did not recover");
        }
    }

    /** A fault that was injected (or attempted) but not recovered from. */
    public static ChaosEvent failed(int seq, String label, Fault fault, Instant faultAt, OptionalLong oldPid,
            String error) {
        return new ChaosEvent(seq, label, fault, faultAt, oldPid, OptionalLong.empty(), false, Optional.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), Map.of(), Optional.of(error));
    }
}
