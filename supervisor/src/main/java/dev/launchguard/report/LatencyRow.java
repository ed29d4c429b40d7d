package dev.launchguard.report;

import java.util.List;

/**
 * One row of a latency table: a group of samples (all, one job, one fault kind) summarised.
 *
 * @param notRecovered events of this group that did not recover, so have no sample
 * @param overTarget samples slower than the target
 */
public record LatencyRow(String name, Distribution respawn, Distribution faultToReady, int overTarget,
        int notRecovered) {

    static LatencyRow of(String name, List<Sample> samples, int notRecovered, double targetMs) {
        return new LatencyRow(name,
                Distribution.of(samples.stream().map(Sample::respawnMs).toList()),
                Distribution.of(samples.stream().filter(s -> s.faultToReadyMs().isPresent())
                        .map(s -> s.faultToReadyMs().getAsDouble()).toList()),
                (int) samples.stream().filter(s -> s.respawnMs() > targetMs).count(),
                notRecovered);
    }
}
