package dev.launchguard.report;

import dev.launchguard.chaos.RespawnPhase;
import java.util.List;
import java.util.Map;

/**
 * {@code phases.svg}: per job, a horizontal bar of the median of each phase stacked in the order
 * they happen, so the part that dominates a respawn stands out. Medians of parts do not add up to
 * the median of the whole; the caption says so. Each phase is a
 * {@code <g class="series" data-phase="...">}.
 */
final class PhaseChart {

    /** Phase colours: apart from the job colours' order so a phase is not read as a job. */
    private static final List<String> COLOURS = List.of("#999999", "#D55E00", "#F0E442", "#0072B2", "#009E73");

    private static final double WIDTH = 1000;
    private static final double LEFT = 40;
    private static final double RIGHT = 860;
    private static final double TOP = 100;
    private static final double ROW = 54;
    private static final double BAR = 22;

    private PhaseChart() {
    }

    static String render(Report report) {
        Map<String, Map<RespawnPhase, Distribution>> byJob = report.phasesByJob();
        double longest = byJob.values().stream().mapToDouble(PhaseChart::sumOfMedians).max().orElse(1);
        double bottom = TOP + ROW * byJob.size();
        LinearAxis x = LinearAxis.covering(longest, false, LEFT, RIGHT);
        Svg svg = new Svg(WIDTH, bottom + 50, report.title() + ": respawn phases");
        svg.label(LEFT, 28, "start", report.title(), "font-size", "16", "font-weight", "bold");
        svg.label(LEFT, 48, "start", "Median of each respawn phase per job, stacked in the order the phases happen "
                + "(a sum of medians is not the median respawn)");
        legend(svg);
        for (double tick : x.ticks()) {
            svg.line(x.position(tick), TOP - 6, x.position(tick), bottom, Svg.GRID);
            svg.label(x.position(tick), bottom + 18, "middle", tick == 0 ? "0" : MarkdownTable.ms(tick));
        }
        List<String> jobs = List.copyOf(byJob.keySet());
        for (RespawnPhase phase : RespawnPhase.values()) {
            svg.open("g", "class", "series", "data-phase", phase.key(), "fill", COLOURS.get(phase.ordinal()));
            for (int row = 0; row < jobs.size(); row++) {
                Map<RespawnPhase, Distribution> phases = byJob.get(jobs.get(row));
                double start = 0;
                for (RespawnPhase before : RespawnPhase.values()) {
                    if (before == phase) {
                        break;
                    }
                    start += phases.get(before).p50();
                }
                double median = phases.get(phase).p50();
                double x0 = x.position(start);
                svg.open("rect", "x", Svg.num(x0), "y", Svg.num(barTop(row)), "width",
                        Svg.num(x.position(start + median) - x0), "height", Svg.num(BAR));
                svg.text("title", jobs.get(row) + ": " + phase.title() + " median " + MarkdownTable.ms(median));
                svg.close("rect");
            }
            svg.close("g");
        }
        for (int row = 0; row < jobs.size(); row++) {
            double sum = sumOfMedians(byJob.get(jobs.get(row)));
            svg.label(LEFT, barTop(row) - 5, "start", jobs.get(row) + " (" + byJob.get(jobs.get(row))
                    .get(RespawnPhase.DETECTION).count() + " respawns)");
            svg.label(x.position(sum) + 6, barTop(row) + BAR - 6, "start", MarkdownTable.ms(sum));
        }
        return svg.render();
    }

    private static double barTop(int row) {
        return TOP + ROW * row + 18;
    }

    private static double sumOfMedians(Map<RespawnPhase, Distribution> phases) {
        return phases.values().stream().mapToDouble(Distribution::p50).sum();
    }

    private static void legend(Svg svg) {
        double x = LEFT;
        svg.open("g", "class", "legend");
        for (RespawnPhase phase : RespawnPhase.values()) {
            svg.empty("rect", "x", Svg.num(x), "y", "62", "width", "12", "height", "12", "fill",
                    COLOURS.get(phase.ordinal()));
            svg.label(x + 18, 73, "start", phase.title());
            x += 30 + phase.title().length() * 7;
        }
        svg.close("g");
    }
}
