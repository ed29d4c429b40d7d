package dev.launchguard.report;

import dev.launchguard.chaos.CampaignHeader;
import dev.launchguard.chaos.CampaignVerdict;
import dev.launchguard.chaos.ChaosEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The results of one chaos campaign: its header, every event, and the verdict, which is missing
 * when the campaign was interrupted.
 */
public record ChaosRun(Path source, CampaignHeader campaign, List<ChaosEvent> events, Optional<CampaignVerdict> verdict)
        implements ReportInput {

    public ChaosRun {
        events = List.copyOf(events);
    }

    @Override
    public List<Sample> samples() {
        return events.stream().flatMap(e -> Sample.of(e).stream()).toList();
    }

    /** The events that did not recover, in file order. */
    public List<ChaosEvent> unrecovered() {
        return events.stream().filter(e -> !e.recovered()).toList();
    }
}
