package dev.launchguard.report;

import dev.launchguard.chaos.ChaosEvent;
import dev.launchguard.chaos.RespawnPhases;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One measured respawn, whatever file it came from: the job (a launchd Label, or a JMH benchmark
 * with its parameters), the fault that caused it (chaos results only) and its latency.
 *
 * @param respawnMs launchguard's measure, the latency the charts and percentiles are of
 * @param faultToReadyMs the chaos tool's own measure from the fault to READY, printed beside it
 */
public record Sample(String job, Optional<String> fault, double respawnMs, OptionalDouble faultToReadyMs,
        Optional<RespawnPhases> phases) {

    /** The latency sample of a recovered chaos event; empty for one that did not recover. */
    public static Optional<Sample> of(ChaosEvent event) {
        if (!event.recovered()) {
            return Optional.empty();
        }
        return Optional.of(new Sample(event.label(), Optional.of(event.fault().wireName()),
                event.respawnMillis().orElseThrow(), event.faultToReadyMillis(), event.phases()));
    }

    /** A JMH SingleShotTime iteration: a latency and nothing else. */
    public static Sample timed(String job, double millis) {
        return new Sample(job, Optional.empty(), millis, OptionalDouble.empty(), Optional.empty());
    }
}
