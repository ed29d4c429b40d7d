package dev.launchguard.report;

import java.util.Map;

/** The duration of each {@link Phase} of one respawn, in milliseconds. */
public record Phases(Map<Phase, Double> millis) {

    public Phases {
        for (Phase phase : Phase.values()) {
            if (!millis.containsKey(phase)) {
                throw new IllegalArgumentException("phases lack '" + phase.key() + "': " + millis.keySet());
            }
        }
        millis = Map.copyOf(millis);
    }

    public double of(Phase phase) {
        return millis.get(phase);
    }
}
