package dev.launchguard.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a campaign was asked to do, the {@code campaign} line that opens its results. {@code seed} is
 * empty for a scripted order.
 *
 * @param labels the targets, in the order they were drawn from ({@link FaultPlan#LAUNCHGUARD} among them)
 * @param faults the faults asked for
 * @param order {@code random} or {@code scripted}
 */
public record CampaignHeader(int version, OptionalLong seed, Instant startedAt, String url, List<String> labels,
        List<Fault> faults, int count, String order) {

    /** The only results format there is. */
    public static final int VERSION = 1;

    public CampaignHeader {
        Objects.requireNonNull(startedAt, "startedAt");
        labels = List.copyOf(labels);
        faults = List.copyOf(faults);
    }

    /** The header of a campaign that runs {@code plan}. */
    public static CampaignHeader of(FaultPlan plan, Instant startedAt, String url, List<String> labels,
            List<Fault> faults, int count) {
        return new CampaignHeader(VERSION, plan.seed(), startedAt, url, labels, faults, count, plan.order());
    }
}
