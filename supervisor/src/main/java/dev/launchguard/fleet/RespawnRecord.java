package dev.launchguard.fleet;

import dev.launchguard.recovery.RestartReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One measured respawn: {@code total} runs from the moment the old instance stopped serving (its
 * exit for a crash, the wedge verdict, the kill for a manual kickstart) to the first successful
 * ready probe of the new instance. The parts add up to at most the total; a part that could not
 * be observed is zero.
 *
 * @param cause why the old instance was replaced
 * @param stoppedServingAt when the old instance stopped serving
 * @param detection first failing probe to verdict (zero for a crash, which is an event)
 * @param kill verdict to the old process gone
 * @param spawnWait old process gone to new process started (the throttle, if any)
 * @param startToPort new process started to its port accepting
 * @param portToReady port accepting to the first ready answer
 */
public record RespawnRecord(
        RestartReason cause,
        Instant stoppedServingAt,
        OptionalLong oldPid,
        OptionalLong newPid,
        Duration total,
        Duration detection,
        Duration kill,
        Duration spawnWait,
        Duration startToPort,
        Duration portToReady) {

    public RespawnRecord {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(stoppedServingAt, "stoppedServingAt");
        Objects.requireNonNull(oldPid, "oldPid");
        Objects.requireNonNull(newPid, "newPid");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(kill, "kill");
        Objects.requireNonNull(spawnWait, "spawnWait");
        Objects.requireNonNull(startToPort, "startToPort");
        Objects.requireNonNull(portToReady, "portToReady");
    }
}
