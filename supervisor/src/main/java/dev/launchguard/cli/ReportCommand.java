package dev.launchguard.cli;

import dev.launchguard.time.Latency;
import dev.launchguard.report.Distribution;
import dev.launchguard.report.LatencyRow;
import dev.launchguard.report.Report;
import dev.launchguard.report.ReportException;
import dev.launchguard.report.ReportFiles;
import dev.launchguard.report.ReportInput;
import dev.launchguard.report.ReportReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code launchguard report}: turns chaos-campaign results and JMH results into a Markdown report
 * with SVG charts of the respawn latency against the target. Every file is read before anything is
 * written, and a bad file writes nothing.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Write report.md and SVG charts of respawn latency against a target.",
            "Reads chaos-campaign results (JSON lines) or JMH results (-rf json), in any mix;",
            "the format is told from the content. The verdict is PASSED only when every",
            "respawn met the target and every campaign's final check found nothing;",
            "each respawn over the target is named in it. See docs/reports.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the report was written and its verdict is PASSED",
            "1:an input is not chaos results or a JMH result (the error names file and line), or the report "
                + "could not be written; nothing was written",
            "2:bad usage, or a FILE that does not exist or cannot be read",
            "3:the report was written and its verdict is not PASSED: a respawn over the target, an event that did "
                + "not recover, a campaign whose final check found a problem or that was interrupted"})
final class ReportCommand implements Callable<Integer> {

    private static final String ME = "launchguard report";
    /** Written, but not PASSED; apart from 1 (nothing written) so a script can tell the two apart. */
    static final int EXIT_NOT_PASSED = 3;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "folder to write report.md and the charts into, created if missing (default: the current "
                    + "folder)")
    Path out;

    @Option(names = "--target", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
            description = "the respawn target: drawn on the charts, counted in the tables, and a respawn over it "
                    + "fails the verdict: 15s, 500ms, 2m, or ISO-8601 (default: 15s)")
    Duration target;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = Report.DEFAULT_TITLE,
            description = "the report's heading (default: ${DEFAULT-VALUE})")
    String title;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "chaos-campaign results (JSON lines) or a JMH JSON result, in any mix")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportReader reader = new ReportReader();
        List<ReportInput> inputs = new ArrayList<>();
        int failure = 0;
        for (Path file : files) {
            try {
                inputs.add(reader.read(file));
            } catch (ReportException e) {
                err.println(ME + ": " + e.getMessage());
                failure = Math.max(failure, Main.EXIT_PROBLEM);
            } catch (IOException e) {
                err.println(ME + ": " + file + ": cannot be read: " + reason(e));
                failure = Main.EXIT_USAGE;
            }
        }
        if (failure != 0) {
            err.println(ME + ": nothing written");
            err.flush();
            return failure;
        }
        Report report = new Report(title, target, inputs);
        List<Path> written;
        try {
            written = ReportFiles.write(report, out);
        } catch (IOException e) {
            err.println(ME + ": cannot write the report into " + out + ": " + reason(e));
            err.flush();
            return Main.EXIT_PROBLEM;
        }
        stdout.println("wrote " + written.stream().map(Path::toString).collect(Collectors.joining(", ")));
        stdout.println(summary(report));
        stdout.println("verdict: " + report.headline());
        stdout.flush();
        return report.passed() ? 0 : EXIT_NOT_PASSED;
    }

    private static String summary(Report report) {
        LatencyRow all = report.jobRows().get(0);
        Distribution d = all.respawn();
        if (d.isEmpty()) {
            return "no latency samples";
        }
        return d.count() + " samples: p50 " + Latency.format(d.p50()) + ", p90 " + Latency.format(d.p90()) + ", p99 "
                + Latency.format(d.p99()) + ", max " + Latency.format(d.max()) + "; " + all.overTarget()
                + " over the " + report.targetText() + " target";
    }

    /** An I/O failure as a person reads it: a NoSuchFileException's message is only the path. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null) {
                return fse.getReason();
            }
            String kind = e.getClass().getSimpleName().replace("Exception", "");
            return kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }
}
