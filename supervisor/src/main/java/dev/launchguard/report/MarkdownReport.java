package dev.launchguard.report;

import dev.launchguard.chaos.RespawnPhase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code report.md}: the inputs and the method, each chaos campaign, the latency tables per job and
 * per fault kind, the phases, and the JMH scores. The charts are referenced by relative path, so the
 * folder can be moved or published as it is.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    /** The Markdown of {@code report}; {@code phaseChart} says whether {@link ReportFiles#PHASES_SVG} exists. */
    static String render(Report report, boolean phaseChart) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(report.title().replaceAll("\\R", " ")).append("\n\n");
        md.append("Target: every respawn within ").append(report.targetText()).append(".\n\n");
        md.append("**Verdict: ").append(report.headline()).append("**\n\n");
        report.inputs().forEach(input -> md.append("- ").append(MarkdownTable.code(input.source().toString()))
                .append(": ").append(describe(input)).append('\n'));
        md.append("""

                Latency is launchguard's respawn latency (`respawnMs`): from the moment the old instance stopped \
                serving (its exit, the wedge verdict, or the kill) to the first successful readiness probe of the \
                new one; for `supervisor-kill`, until launchguard answered again with every job READY. The chaos \
                tool's own measure from the fault to READY is shown beside it. A JMH SingleShotTime iteration is \
                one sample, converted to ms. Percentiles are nearest-rank: pN is the smallest sample with at \
                least N % of the samples at or below it, so every value shown was measured.

                """);
        report.chaosRuns().forEach(run -> md.append(CampaignSection.render(run, report.target())).append('\n'));
        latency(md, report);
        phases(md, report, phaseChart);
        if (!report.jmhRuns().isEmpty()) {
            jmh(md, report.jmhRuns());
        }
        return md.toString();
    }

    private static String describe(ReportInput input) {
        if (input instanceof ChaosRun run) {
            return "chaos campaign, " + run.events().size() + " events, " + run.unrecovered().size()
                    + " not recovered" + (run.verdict().isEmpty() ? ", no verdict" : "");
        }
        return "JMH result, " + ((JmhRun) input).benchmarks().size() + " benchmarks, " + input.samples().size()
                + " SingleShotTime samples";
    }

    private static void latency(StringBuilder md, Report report) {
        md.append("## Respawn latency\n\n");
        md.append("![Respawn latency: histogram and cumulative distribution against the ").append(report.targetText())
                .append(" target](").append(ReportFiles.LATENCY_SVG).append(")\n\n");
        md.append("### Per job\n\n").append(table("job", report.jobRows(), report.targetText()));
        List<LatencyRow> faults = report.faultRows();
        if (!faults.isEmpty()) {
            md.append("\n### Per fault kind\n\n").append(table("fault", faults, report.targetText()));
        }
        md.append('\n');
    }

    private static String table(String first, List<LatencyRow> rows, String target) {
        MarkdownTable table = new MarkdownTable(1, first, "samples", "p50", "p90", "p99", "max", "over " + target,
                "not recovered", "fault→ready p50", "fault→ready p99");
        for (LatencyRow row : rows) {
            Distribution r = row.respawn();
            table.row(row.name().equals(Report.ALL) ? "**all**" : MarkdownTable.code(row.name()),
                    Integer.toString(r.count()), MarkdownTable.ms(r.p50()), MarkdownTable.ms(r.p90()),
                    MarkdownTable.ms(r.p99()), MarkdownTable.ms(r.max()), Integer.toString(row.overTarget()),
                    Integer.toString(row.notRecovered()), MarkdownTable.ms(row.faultToReady().p50()),
                    MarkdownTable.ms(row.faultToReady().p99()));
        }
        return table.render();
    }

    private static void phases(StringBuilder md, Report report, boolean phaseChart) {
        md.append("## Phases\n\n");
        Map<String, Map<RespawnPhase, Distribution>> byJob = report.phasesByJob();
        if (byJob.isEmpty()) {
            md.append("No sample carries phases (JMH results and `supervisor-kill` events have none).\n\n");
            return;
        }
        if (phaseChart) {
            md.append("![Median of each phase per job](").append(ReportFiles.PHASES_SVG).append(")\n\n");
        }
        md.append("Median / p99 of each phase of a respawn, per job.\n\n");
        String[] headers = new String[RespawnPhase.values().length + 2];
        headers[0] = "job";
        headers[1] = "samples";
        for (RespawnPhase phase : RespawnPhase.values()) {
            headers[phase.ordinal() + 2] = phase.title();
        }
        MarkdownTable table = new MarkdownTable(1, headers);
        byJob.forEach((job, phases) -> {
            String[] cells = new String[headers.length];
            cells[0] = MarkdownTable.code(job);
            cells[1] = Integer.toString(phases.get(RespawnPhase.DETECTION).count());
            for (RespawnPhase phase : RespawnPhase.values()) {
                Distribution d = phases.get(phase);
                cells[phase.ordinal() + 2] = MarkdownTable.ms(d.p50()) + " / " + MarkdownTable.ms(d.p99());
            }
            table.row(cells);
        });
        md.append(table.render()).append('\n');
    }

    private static void jmh(StringBuilder md, List<JmhRun> runs) {
        md.append("## JMH benchmarks\n\n");
        md.append("Every benchmark as JMH scored it (SingleShotTime: the mean), secondary metrics after their "
                + "benchmark. Only SingleShotTime iterations are latency samples above.\n\n");
        MarkdownTable table = new MarkdownTable(3, "benchmark", "mode", "params", "score", "± error", "unit");
        for (JmhRun run : runs) {
            for (JmhBenchmark b : run.benchmarks()) {
                String params = b.params().isEmpty() ? MarkdownTable.NONE : b.params().entrySet().stream()
                        .map(Map.Entry::toString).collect(Collectors.joining(", "));
                metricRow(table, MarkdownTable.code(b.benchmark()), b.mode(), params, b.primary());
                b.secondary().forEach(m -> metricRow(table, "↳ " + m.name(), "", "", m));
            }
        }
        md.append(table.render());
    }

    private static void metricRow(MarkdownTable table, String name, String mode, String params,
            JmhBenchmark.JmhMetric metric) {
        table.row(name, mode, params, number(metric.score()), number(metric.scoreError()), metric.unit());
    }

    /** JMH's own precision: three decimals. */
    private static String number(double value) {
        return Double.isNaN(value) ? MarkdownTable.NONE : String.format(Locale.ROOT, "%.3f", value);
    }
}
