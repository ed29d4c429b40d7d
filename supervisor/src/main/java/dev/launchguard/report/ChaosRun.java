package dev.launchguard.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The results of one chaos campaign: its header, every event, and the verdict, which is missing
 * when the campaign was interrupted.
 */
public record ChaosRun(Path source, Campaign campaign, List<ChaosEvent> events, Optional<Verdict> verdict)
        implements ReportInput {

    public ChaosRun {
        events = List.copyOf(events);
    }

    @Override
    public List<Sample> samples() {
        return events.stream().flatMap(e -> e.sample().stream()).toList();
    }

    /** The events that did not recover, in file order. */
    public List<ChaosEvent> unrecovered() {
        return events.stream().filter(e -> !e.recovered()).toList();
    }
}
