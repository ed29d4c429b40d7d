package dev.launchguard.report;

import dev.launchguard.chaos.CampaignVerdict;
import dev.launchguard.chaos.ChaosEvent;
import dev.launchguard.chaos.RespawnPhase;
import dev.launchguard.chaos.RespawnPhases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a report shows, computed from its input files: the samples grouped by job and by
 * fault kind, and the phases per job. The Markdown and the charts only lay it out.
 */
public record Report(String title, Duration target, List<ReportInput> inputs) {

    /** The title when {@code --title} is not given. */
    public static final String DEFAULT_TITLE = "Respawn latency report";
    /** The verdict of a report in which nothing failed. */
    public static final String PASSED = "PASSED";
    /** The name of the row over every sample. */
    public static final String ALL = "all";

    public Report {
        inputs = List.copyOf(inputs);
    }

    public double targetMs() {
        return target.toNanos() / 1e6;
    }

    /** The target as a person writes it: {@code 15 s}, {@code 500 ms}, {@code 2.50 s}. */
    public String targetText() {
        return CampaignVerdict.targetText(target);
    }

    /** Every sample of every input, in input order. */
    public List<Sample> samples() {
        return inputs.stream().flatMap(i -> i.samples().stream()).toList();
    }

    /** The samples of each job, jobs in the order they first appear in the inputs. */
    public Map<String, List<Sample>> byJob() {
        return samples().stream().collect(Collectors.groupingBy(Sample::job, LinkedHashMap::new, Collectors.toList()));
    }

    public List<ChaosRun> chaosRuns() {
        return inputs.stream().filter(ChaosRun.class::isInstance).map(ChaosRun.class::cast).toList();
    }

    public List<JmhRun> jmhRuns() {
        return inputs.stream().filter(JmhRun.class::isInstance).map(JmhRun.class::cast).toList();
    }

    /**
     * The row over every sample, then one per job in {@link #byJob()} order; a job whose events all
     * failed still has its row, last.
     */
    public List<LatencyRow> jobRows() {
        Map<String, List<Sample>> byJob = byJob();
        List<ChaosEvent> unrecovered = unrecovered();
        unrecovered.forEach(e -> byJob.putIfAbsent(e.label(), List.of()));
        List<LatencyRow> rows = new ArrayList<>();
        rows.add(LatencyRow.of(ALL, samples(), unrecovered.size(), targetMs()));
        byJob.forEach((job, samples) -> rows.add(LatencyRow.of(job, samples,
                (int) unrecovered.stream().filter(e -> e.label().equals(job)).count(), targetMs())));
        return rows;
    }

    /** One row per fault kind of the chaos results, in the campaigns' order of faults; empty without chaos. */
    public List<LatencyRow> faultRows() {
        Set<String> faults = new LinkedHashSet<>();
        chaosRuns().forEach(r -> r.campaign().faults().forEach(f -> faults.add(f.wireName())));
        chaosRuns().forEach(r -> r.events().forEach(e -> faults.add(e.fault().wireName())));
        List<Sample> samples = samples();
        List<ChaosEvent> unrecovered = unrecovered();
        return faults.stream().map(fault -> LatencyRow.of(fault,
                samples.stream().filter(s -> s.fault().equals(Optional.of(fault))).toList(),
                (int) unrecovered.stream().filter(e -> e.fault().wireName().equals(fault)).count(), targetMs())).toList();
    }

    /** The distribution of each phase, per job that has phases, in {@link #byJob()} order. */
    public Map<String, Map<RespawnPhase, Distribution>> phasesByJob() {
        Map<String, Map<RespawnPhase, Distribution>> result = new LinkedHashMap<>();
        byJob().forEach((job, samples) -> {
            List<RespawnPhases> phases = samples.stream().flatMap(s -> s.phases().stream()).toList();
            if (!phases.isEmpty()) {
                Map<RespawnPhase, Distribution> perPhase = new EnumMap<>(RespawnPhase.class);
                for (RespawnPhase phase : RespawnPhase.values()) {
                    perPhase.put(phase, Distribution.of(phases.stream().map(p -> p.of(phase)).toList()));
                }
                result.put(job, perPhase);
            }
        });
        return result;
    }

    /** Whether the report's verdict is PASSED: see {@link #headline()}. */
    public boolean passed() {
        return headline().equals(PASSED);
    }

    /**
     * The report's verdict over every input: {@code PASSED} when every sample is within the target
     * and every campaign has a verdict whose final check found nothing; else {@code FAILED: } and
     * what failed ({@code 1 respawn missed the 15 s target}); {@code NO VERDICT: } when nothing failed
     * but a campaign was interrupted before its final check.
     */
    public String headline() {
        List<String> failed = new ArrayList<>();
        int unrecovered = unrecovered().size();
        if (unrecovered > 0) {
            failed.add(unrecovered + (unrecovered == 1 ? " event" : " events") + " did not recover");
        }
        int over = jobRows().get(0).overTarget();
        if (over > 0) {
            failed.add(over + (over == 1 ? " respawn" : " respawns") + " missed the " + targetText() + " target");
        }
        long found = chaosRuns().stream().flatMap(r -> r.verdict().stream())
                .filter(v -> !v.allReady() || !v.orphans().isEmpty() || !v.squatters().isEmpty()
                        || !v.duplicates().isEmpty() || !v.unprovokedRestarts().isEmpty()).count();
        if (found > 0) {
            failed.add(found + (found == 1 ? " campaign's" : " campaigns'") + " final check found a problem");
        }
        long interrupted = chaosRuns().stream().filter(r -> r.verdict().isEmpty()).count();
        if (!failed.isEmpty()) {
            return "FAILED: " + String.join("; ", failed);
        }
        return interrupted == 0 ? PASSED : "NO VERDICT: " + interrupted + (interrupted == 1 ? " campaign was"
                : " campaigns were") + " interrupted before the final check";
    }

    private List<ChaosEvent> unrecovered() {
        return chaosRuns().stream().flatMap(r -> r.unrecovered().stream()).toList();
    }
}
