package dev.launchguard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code respawn-latency.svg}: two panels over one logarithmic latency axis, a histogram (bars
 * stacked by job) above the cumulative distribution (a step line per job, and one over all jobs),
 * so a bar and the rise of the curve it causes line up. The target is a labelled vertical line
 * across both. Each job is a {@code <g class="series" data-job="...">} in each panel.
 */
final class LatencyChart {

    /** Bins per decade: 100 ms–1 s is five bars, enough to see a mode without emptying every bin. */
    static final int BINS_PER_DECADE = 5;

    private static final double MIN_WIDTH = 960;
    /** A generous average width of a 12 px sans-serif character, to size the legend. */
    private static final double CHAR_WIDTH = 7.5;
    private static final double LEFT = 70;
    private static final double PLOT_RIGHT = 700;
    private static final double LEGEND_X = 740;
    private static final double HIST_TOP = 84;
    private static final double HIST_BOTTOM = 300;
    private static final double CDF_TOP = 374;
    private static final double CDF_BOTTOM = 634;
    private static final double HEIGHT = 694;
    /** Guides on the CDF at the percentiles the tables print. */
    private static final double[] GUIDES = {50, 90, 99};

    private LatencyChart() {
    }

    static String render(Report report) {
        Map<String, List<Sample>> byJob = report.byJob();
        double lowest = report.samples().stream().mapToDouble(Sample::respawnMs).min().orElse(1);
        double highest = report.samples().stream().mapToDouble(Sample::respawnMs).max().orElse(1);
        LogAxis axis = LogAxis.covering(lowest, Math.max(highest, report.targetMs()), LEFT, PLOT_RIGHT);
        int longestName = byJob.entrySet().stream().mapToInt(e -> legendText(e).length()).max().orElse(0);
        Svg svg = new Svg(Math.max(MIN_WIDTH, LEGEND_X + 30 + CHAR_WIDTH * longestName), HEIGHT,
                report.title() + ": respawn latency");
        svg.label(LEFT, 28, "start", report.title(), "font-size", "16", "font-weight", "bold");
        svg.label(LEFT, 48, "start", "Respawn latency of " + report.samples().size() + " samples against the "
                + report.targetText() + " target");
        svg.open("g", "id", "histogram");
        histogram(svg, axis, byJob, report);
        svg.close("g").open("g", "id", "cdf");
        cdf(svg, axis, byJob, report);
        svg.close("g");
        legend(svg, byJob);
        return svg.render();
    }

    private static void histogram(Svg svg, LogAxis axis, Map<String, List<Sample>> byJob, Report report) {
        List<Double> edges = axis.binEdges(BINS_PER_DECADE);
        int bins = edges.size() - 1;
        List<int[]> counts = new ArrayList<>();
        int[] totals = new int[bins];
        for (List<Sample> samples : byJob.values()) {
            int[] c = new int[bins];
            for (Sample s : samples) {
                int bin = bin(axis, s.respawnMs(), bins);
                c[bin]++;
                totals[bin]++;
            }
            counts.add(c);
        }
        int tallest = 0;
        for (int t : totals) {
            tallest = Math.max(tallest, t);
        }
        LinearAxis y = LinearAxis.covering(tallest, true, HIST_BOTTOM, HIST_TOP);
        svg.label(LEFT, HIST_TOP - 8, "start", "Histogram: samples per bin (" + BINS_PER_DECADE + " bins a decade)",
                "font-weight", "bold");
        for (double tick : y.ticks()) {
            svg.line(LEFT, y.position(tick), PLOT_RIGHT, y.position(tick), Svg.GRID);
            svg.label(LEFT - 6, y.position(tick) + 4, "end", Svg.num(tick));
        }
        xAxis(svg, axis, HIST_TOP, HIST_BOTTOM);
        int[] base = new int[bins];
        int index = 0;
        for (Map.Entry<String, List<Sample>> job : byJob.entrySet()) {
            int[] c = counts.get(index);
            svg.open("g", "class", "series", "data-job", job.getKey(), "fill", Svg.colour(index));
            for (int b = 0; b < bins; b++) {
                if (c[b] == 0) {
                    continue;
                }
                double x0 = axis.x(edges.get(b));
                double x1 = axis.x(edges.get(b + 1));
                double top = y.position(base[b] + c[b]);
                svg.open("rect", "x", Svg.num(x0 + 0.5), "y", Svg.num(top), "width", Svg.num(x1 - x0 - 1),
                        "height", Svg.num(y.position(base[b]) - top));
                svg.text("title", job.getKey() + ": " + c[b] + " in " + MarkdownTable.ms(edges.get(b)) + " – "
                        + MarkdownTable.ms(edges.get(b + 1)));
                svg.close("rect");
                base[b] += c[b];
            }
            svg.close("g");
            index++;
        }
        if (byJob.isEmpty()) {
            svg.label((LEFT + PLOT_RIGHT) / 2, (HIST_TOP + HIST_BOTTOM) / 2, "middle", "no latency samples");
        }
        target(svg, axis, report, HIST_TOP, HIST_BOTTOM);
    }

    /** The bin of {@code ms}: bins are [edge, next edge); anything off the axis goes to the first or last bin. */
    static int bin(LogAxis axis, double ms, int bins) {
        double position = Math.log10(Math.max(ms, axis.minMs()) / axis.minMs()) * BINS_PER_DECADE;
        // 1e-9 absorbs log10's rounding, so a sample exactly on an edge falls in the bin that starts there
        return Math.min(bins - 1, Math.max(0, (int) Math.floor(position + 1e-9)));
    }

    private static void cdf(Svg svg, LogAxis axis, Map<String, List<Sample>> byJob, Report report) {
        LinearAxis y = LinearAxis.covering(100, false, CDF_BOTTOM, CDF_TOP);
        svg.label(LEFT, CDF_TOP - 8, "start", "Cumulative distribution: % of samples at or below a latency",
                "font-weight", "bold");
        for (double tick : y.ticks()) {
            svg.line(LEFT, y.position(tick), PLOT_RIGHT, y.position(tick), Svg.GRID);
            svg.label(LEFT - 6, y.position(tick) + 4, "end", Svg.num(tick) + " %");
        }
        for (double guide : GUIDES) {
            svg.line(LEFT, y.position(guide), PLOT_RIGHT, y.position(guide), "#AAAAAA", "stroke-dasharray", "2 3");
            svg.label(PLOT_RIGHT + 4, y.position(guide) + 4, "start", "p" + Svg.num(guide), "fill", "#777777",
                    "font-size", "10");
        }
        xAxis(svg, axis, CDF_TOP, CDF_BOTTOM);
        int index = 0;
        for (Map.Entry<String, List<Sample>> job : byJob.entrySet()) {
            svg.open("g", "class", "series", "data-job", job.getKey());
            step(svg, axis, y, job.getValue(), Svg.colour(index), "");
            svg.close("g");
            index++;
        }
        if (byJob.size() > 1) {
            svg.open("g", "class", "overall", "data-job", Report.ALL);
            step(svg, axis, y, report.samples(), Svg.INK, "6 4");
            svg.close("g");
        }
        target(svg, axis, report, CDF_TOP, CDF_BOTTOM);
    }

    /**
     * The empirical CDF of {@code samples} as one path: from 0 % at the fastest sample, up by 1/n at
     * each sample, ending at 100 % at the slowest (no tails along the axes, where series would hide
     * each other).
     */
    private static void step(Svg svg, LogAxis axis, LinearAxis y, List<Sample> samples, String colour, String dash) {
        double[] sorted = Distribution.sorted(samples.stream().map(Sample::respawnMs).toList());
        StringBuilder d = new StringBuilder("M").append(Svg.num(axis.x(sorted[0]))).append(',')
                .append(Svg.num(y.position(0)));
        for (int i = 0; i < sorted.length; i++) {
            d.append(" H").append(Svg.num(axis.x(sorted[i])))
                    .append(" V").append(Svg.num(y.position(100.0 * (i + 1) / sorted.length)));
        }
        svg.empty("path", "d", d.toString(), "fill", "none", "stroke", colour, "stroke-width", "2",
                "stroke-dasharray", dash.isEmpty() ? "none" : dash);
    }

    private static void xAxis(Svg svg, LogAxis axis, double top, double bottom) {
        svg.line(LEFT, bottom, PLOT_RIGHT, bottom, Svg.INK);
        svg.line(LEFT, top, LEFT, bottom, Svg.INK);
        for (double tick : axis.minorTicks()) {
            svg.line(axis.x(tick), bottom, axis.x(tick), bottom + 3, Svg.INK);
        }
        for (double decade : axis.decades()) {
            svg.line(axis.x(decade), top, axis.x(decade), bottom, Svg.GRID);
            svg.line(axis.x(decade), bottom, axis.x(decade), bottom + 6, Svg.INK);
            svg.label(axis.x(decade), bottom + 19, "middle", LogAxis.label(decade));
        }
        svg.label(PLOT_RIGHT, bottom + 34, "end", "respawn latency (log scale)", "fill", "#555555");
    }

    /** The target as a labelled vertical line: {@code <g class="target" data-ms="15000">}. */
    private static void target(Svg svg, LogAxis axis, Report report, double top, double bottom) {
        double x = axis.x(report.targetMs());
        svg.open("g", "class", "target", "data-ms", Svg.num(report.targetMs()));
        svg.line(x, top, x, bottom, Svg.TARGET_COLOUR, "stroke-width", "2", "stroke-dasharray", "8 4");
        boolean rightHalf = x > (LEFT + PLOT_RIGHT) / 2;
        svg.label(rightHalf ? x - 4 : x + 4, top + 14, rightHalf ? "end" : "start", "target " + report.targetText(),
                "fill", Svg.TARGET_COLOUR, "font-weight", "bold", "stroke", "#FFFFFF", "stroke-width", "4",
                "paint-order", "stroke");
        svg.close("g");
    }

    private static String legendText(Map.Entry<String, List<Sample>> job) {
        return job.getKey() + " (" + job.getValue().size() + ")";
    }

    private static void legend(Svg svg, Map<String, List<Sample>> byJob) {
        double y = HIST_TOP;
        svg.open("g", "class", "legend");
        int index = 0;
        for (Map.Entry<String, List<Sample>> job : byJob.entrySet()) {
            svg.empty("rect", "x", Svg.num(LEGEND_X), "y", Svg.num(y - 10), "width", "12", "height", "12",
                    "fill", Svg.colour(index));
            svg.label(LEGEND_X + 18, y, "start", legendText(job));
            y += 20;
            index++;
        }
        if (byJob.size() > 1) {
            svg.line(LEGEND_X, y - 4, LEGEND_X + 12, y - 4, Svg.INK, "stroke-width", "2", "stroke-dasharray", "6 4");
            svg.label(LEGEND_X + 18, y, "start", "all jobs (CDF)");
            y += 20;
        }
        svg.line(LEGEND_X + 6, y - 11, LEGEND_X + 6, y + 1, Svg.TARGET_COLOUR, "stroke-width", "2");
        svg.label(LEGEND_X + 18, y, "start", "target");
        svg.close("g");
    }
}
