package dev.launchguard.report;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The header line of a chaos campaign's results: what was planned. {@code seed} is empty for a
 * scripted order.
 */
public record Campaign(int version, OptionalLong seed, Instant startedAt, String url, List<String> labels,
        List<String> faults, int count, String order) {

    /** The only results format this reader knows. */
    public static final int VERSION = 1;

    public Campaign {
        labels = List.copyOf(labels);
        faults = List.copyOf(faults);
    }
}
