package dev.launchguard.report;

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
        Optional<Phases> phases) {

    /** A JMH SingleShotTime iteration: a latency and nothing else. */
    public static Sample timed(String job, double millis) {
        return new Sample(job, Optional.empty(), millis, OptionalDouble.empty(), Optional.empty());
    }
}
