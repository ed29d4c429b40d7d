package dev.launchguard.report;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One injected fault and what became of it. A recovered event has a new PID and a respawn latency;
 * an event that did not recover has an error instead. {@code phases} is empty for a
 * {@code supervisor-kill}, whose "job" is launchguard itself.
 */
public record ChaosEvent(long seq, String label, String fault, Instant faultAt, long oldPid, OptionalLong newPid,
        boolean recovered, Optional<String> cause, OptionalDouble respawnMs, OptionalDouble faultToReadyMs,
        Optional<Phases> phases, Optional<String> error) {

    /** The fault that kills launchguard itself rather than a job. */
    public static final String SUPERVISOR_KILL = "supervisor-kill";

    /** The latency sample of a recovered event; empty for one that did not recover. */
    public Optional<Sample> sample() {
        if (!recovered) {
            return Optional.empty();
        }
        return Optional.of(new Sample(label, Optional.of(fault), respawnMs.orElseThrow(), faultToReadyMs, phases));
    }
}
