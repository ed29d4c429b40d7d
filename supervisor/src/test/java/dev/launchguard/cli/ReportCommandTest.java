package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private static String fixture(String name) {
        return TestResources.path("/report/" + name).toString();
    }

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void writesTheReportAndPrintsTheOverallPercentiles() throws Exception {
        Path outDir = dir.resolve("report");

        int code = run("report", "--out", outDir.toString(), fixture("chaos-within-target.jsonl"));

        assertThat(code).isZero();
        assertThat(cli.out()).isEqualTo("wrote " + outDir.resolve("report.md") + ", "
                + outDir.resolve("respawn-latency.svg") + ", " + outDir.resolve("phases.svg") + "\n"
                + "3 samples: p50 150.0 ms, p90 14.00 s, p99 14.00 s, max 14.00 s; 0 over the 15 s target\n"
                + "verdict: PASSED\n");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void aRespawnOverTheTargetIsWrittenButExitsThree() throws Exception {
        int code = run("report", "--out", dir.toString(), fixture("chaos-one-slow.jsonl"));

        assertThat(code).isEqualTo(3);
        assertThat(cli.out()).endsWith("3 samples: p50 150.0 ms, p90 20.00 s, p99 20.00 s, max 20.00 s; 1 over the 15 s "
                + "target\nverdict: FAILED: 1 respawn missed the 15 s target\n");
        assertThat(Files.readString(dir.resolve("report.md")))
                .contains("| 2 | `dev.launchguard.demo.model` | exit | crash | 20.00 s |");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void takesTargetAndTitleAndMixesBothFormats() throws Exception {
        int code = run("report", "--out", dir.toString(), "--target", "10s", "--title", "Nightly chaos",
                fixture("chaos-campaign.jsonl"), fixture("jmh-respawn.json"));

        assertThat(code).isEqualTo(3);
        assertThat(cli.out()).endsWith("29 samples: p50 20.1 ms, p90 10.01 s, p99 15.80 s, max 15.80 s; "
                + "3 over the 10 s target\nverdict: FAILED: 1 event did not recover; 3 respawns missed the 10 s target; "
                + "1 campaign's final check found a problem\n");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).startsWith("# Nightly chaos\n").contains("## Campaign ").contains("## JMH benchmarks");
        assertThat(Files.readString(dir.resolve("respawn-latency.svg"))).contains("data-ms=\"10000\"");
    }

    @Test
    void badInputExitsOneNamingFileAndLineAndWritesNothing() throws Exception {
        Files.writeString(dir.resolve("report.md"), "the last good report");
        String bad = fixture("invalid/event-missing-fault.jsonl");

        int code = run("report", "--out", dir.toString(), fixture("chaos-campaign.jsonl"), bad);

        assertThat(code).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("launchguard report: " + bad + ":3: event.fault: missing; the field is "
                + "required\nlaunchguard report: nothing written\n");
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo("the last good report");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void reportsEveryBadFileNotJustTheFirst() {
        String notReport = fixture("invalid/not-a-report.txt");
        String version = fixture("invalid/campaign-version-2.jsonl");

        int code = run("report", "--out", dir.resolve("never").toString(), notReport, version);

        assertThat(code).isEqualTo(1);
        assertThat(cli.err().lines()).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("launchguard report: " + notReport + ":1: neither"))
                .anySatisfy(line -> assertThat(line).isEqualTo("launchguard report: " + version + ":1: campaign.version: "
                        + "2 is not supported; allowed: 1 (a newer launchguard wrote this file)"));
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void aFileThatDoesNotExistIsBadUsage() {
        Path missing = dir.resolve("results.jsonl");

        int code = run("report", "--out", dir.toString(), missing.toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("launchguard report: " + missing + ": cannot be read: no such file\n"
                + "launchguard report: nothing written\n");
    }

    @Test
    void anOutputThatCannotBeWrittenExitsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");

        int code = run("report", "--out", file.toString(), fixture("chaos-campaign.jsonl"));

        assertThat(code).isEqualTo(1);
        assertThat(cli.err()).startsWith("launchguard report: cannot write the report into " + file + ": ");
    }

    @Test
    void aTargetThatIsNotADurationIsBadUsage() {
        int code = run("report", "--target", "soon", fixture("chaos-campaign.jsonl"));

        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("Invalid value for option '--target': 'soon' is not a duration; write a "
                + "number with ms, s, m or h (500ms, 1.5s, 2m, 1h), plain seconds (30) or ISO-8601 (PT15S)");
    }

    @Test
    void noFileIsBadUsage() {
        assertThat(run("report")).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        assertThat(run("report", "--help")).isZero();
        assertThat(cli.out()).contains("Exit codes:", "0   the report was written",
                "1   an input is not chaos results or a JMH result", "2   bad usage, or a FILE that does not exist");
    }

    @Test
    void durationsReadAsAPersonWritesThem() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("PT15S")).isEqualTo(Duration.ofSeconds(15));
        assertThatThrownBy(() -> converter.convert("0s")).hasMessage("'0s' must be longer than zero");
    }
}
