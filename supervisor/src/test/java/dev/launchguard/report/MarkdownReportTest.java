package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.chaos.Fault;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbers in the tables, worked out by hand from chaos-campaign.jsonl (nearest rank). */
class MarkdownReportTest {

    private static String render(Duration target, String... fixtures) throws IOException {
        return ReportFiles.render(report(target, fixtures)).get(ReportFiles.REPORT_MD);
    }

    static Report report(Duration target, String... fixtures) throws IOException {
        List<ReportInput> inputs = new ArrayList<>();
        for (String fixture : fixtures) {
            inputs.add(new ReportReader().read(Fixtures.valid(fixture)));
        }
        return new Report(Report.DEFAULT_TITLE, target, inputs);
    }

    @Test
    void perJobTableHasPercentilesOverTargetFailuresAndFaultToReady() throws Exception {
        String md = render(Duration.ofSeconds(15), "chaos-campaign.jsonl");

        assertThat(md).contains("""
                | job | samples | p50 | p90 | p99 | max | over 15 s | not recovered | fault→ready p50 | fault→ready p99 |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | **all** | 9 | 2.30 s | 15.80 s | 15.80 s | 15.80 s | 1 | 1 | 2.31 s | 18.80 s |
                | `dev.launchguard.demo.model` | 4 | 812.4 ms | 15.80 s | 15.80 s | 15.80 s | 1 | 0 | 830.1 ms | 18.80 s |
                | `dev.launchguard.demo.web` | 4 | 45.0 ms | 10.01 s | 10.01 s | 10.01 s | 0 | 1 | 52.5 ms | 10.02 s |
                | `launchguard` | 1 | 2.30 s | 2.30 s | 2.30 s | 2.30 s | 0 | 0 | 2.31 s | 2.31 s |
                """);
    }

    @Test
    void perFaultTableFollowsTheCampaignsOrderOfFaults() throws Exception {
        String md = render(Duration.ofSeconds(15), "chaos-campaign.jsonl");

        assertThat(md).contains("""
                | `kill` | 2 | 45.0 ms | 812.4 ms | 812.4 ms | 812.4 ms | 0 | 0 | 52.5 ms | 830.1 ms |
                | `wedge` | 2 | 6.10 s | 14.20 s | 14.20 s | 14.20 s | 0 | 0 | 9.10 s | 16.95 s |
                | `deadlock` | 1 | 15.80 s | 15.80 s | 15.80 s | 15.80 s | 1 | 0 | 18.80 s | 18.80 s |
                | `poison` | 1 | 38.0 ms | 38.0 ms | 38.0 ms | 38.0 ms | 0 | 0 | 41.0 ms | 41.0 ms |
                | `leak` | 0 | – | – | – | – | 0 | 1 | – | – |
                | `exit` | 2 | 790.0 ms | 10.01 s | 10.01 s | 10.01 s | 0 | 0 | 801.0 ms | 10.02 s |
                | `supervisor-kill` | 1 | 2.30 s | 2.30 s | 2.30 s | 2.30 s | 0 | 0 | 2.31 s | 2.31 s |
                """);
    }

    @Test
    void theTargetDecidesWhatCountsAsOver() throws Exception {
        String md = render(Duration.ofSeconds(10), "chaos-campaign.jsonl");

        assertThat(md).contains("Target: every respawn within 10 s.")
                .contains("| **all** | 9 | 2.30 s | 15.80 s | 15.80 s | 15.80 s | 3 | 1 |");
    }

    @Test
    void phasesTableHasMedianAndP99PerPhasePerJob() throws Exception {
        String md = render(Duration.ofSeconds(15), "chaos-campaign.jsonl");

        assertThat(md).contains("![Median of each phase per job](phases.svg)").contains("""
                | job | samples | detection | kill | spawn wait | start → port | port → ready |
                |---|---:|---:|---:|---:|---:|---:|
                | `dev.launchguard.demo.model` | 4 | 3.1 ms / 6.10 s | 0.0 ms / 15.0 ms | 4.0 ms / 5.2 ms \
                | 700.3 ms / 8.40 s | 103.8 ms / 1.28 s |
                | `dev.launchguard.demo.web` | 4 | 2.0 ms / 6.00 s | 0.0 ms / 10.0 ms | 1.0 ms / 9.95 s \
                | 30.0 ms / 60.0 ms | 12.0 ms / 28.0 ms |
                """);
    }

    @Test
    void campaignHeaderVerdictAndEveryEventThatDidNotRecover() throws Exception {
        String md = render(Duration.ofSeconds(15), "chaos-campaign.jsonl");

        assertThat(md).contains("| 42 | random | 10 | 10 | 2026-11-22T06:00:00Z | 2026-11-22T06:05:30Z | 5 min 30 s |")
                .contains("Fault kinds: kill, wedge, deadlock, poison, leak, exit, supervisor-kill.")
                .contains("**Verdict: FAILED: 1 event did not recover; 1 respawn missed the 15 s target; not every job "
                        + "READY at the end; 1 process left behind; 1 unprovoked restart** — 9 of 10 events recovered, "
                        + "1 of them slower than the 15 s target; NOT every job READY at the end.")
                .contains("""
                        | events | recovered | over 15 s | all jobs READY | orphans | squatters | duplicates | unprovoked restarts |
                        |---|---|---|---|---|---|---|---|
                        | 10 | 9 | 1 | no | 1 | 0 | 0 | 1 |
                        """)
                .contains("- `dev.launchguard.demo.web` pid 4242: `node server.js --port 18081`")
                .contains("- `dev.launchguard.demo.model` at 2026-11-22T06:04:00Z (wedge)")
                .contains("| 9 | `dev.launchguard.demo.web` | leak | 2026-11-22T06:03:40Z | 1318 | not READY within 60 s "
                        + "(last seen: RECOVERING) |")
                .doesNotContain("Port squatters");
    }

    @Test
    void anInterruptedCampaignSaysSoPlainly() throws Exception {
        String md = render(Duration.ofSeconds(15), "chaos-interrupted.jsonl");

        assertThat(md).contains("| seed | order | faults planned | events recorded | started | last event | duration |")
                .contains("| – | scripted | 5 | 3 | 2026-11-22T06:00:00Z | 2026-11-22T06:00:41Z | 41 s |")
                .contains("**No verdict**: the file ends after 3 of 5 planned events without a verdict line, so the "
                        + "campaign was interrupted; nothing is known of orphans, squatters, duplicates or unprovoked "
                        + "restarts.")
                .contains("Every event recovered.")
                .contains("**Verdict: NO VERDICT: 1 campaign was interrupted before the final check**")
                .doesNotContain("PASSED");
    }

    @Test
    void aRespawnOverTheTargetIsNamedAndTheReportDoesNotPass() throws Exception {
        Report report = report(Duration.ofSeconds(15), "chaos-one-slow.jsonl");
        String md = ReportFiles.render(report).get(ReportFiles.REPORT_MD);

        assertThat(report.passed()).isFalse();
        assertThat(md).contains("Target: every respawn within 15 s.\n\n"
                        + "**Verdict: FAILED: 1 respawn missed the 15 s target**\n")
                .contains("**Verdict: FAILED: 1 respawn missed the 15 s target** — 3 of 3 events recovered, 1 of them "
                        + "slower than the 15 s target; every job READY at the end.")
                .contains("""
                        Respawns over the 15 s target:

                        | seq | label | fault | cause | respawn |
                        |---|---|---|---|---:|
                        | 2 | `dev.launchguard.demo.model` | exit | crash | 20.00 s |
                        """)
                .doesNotContain("PASSED");
    }

    @Test
    void aCampaignWithEveryRespawnWithinTheTargetPasses() throws Exception {
        Report report = report(Duration.ofSeconds(15), "chaos-within-target.jsonl");
        String md = ReportFiles.render(report).get(ReportFiles.REPORT_MD);

        assertThat(report.passed()).isTrue();
        assertThat(md).contains("Target: every respawn within 15 s.\n\n**Verdict: PASSED**\n")
                .contains("**Verdict: PASSED** — 3 of 3 events recovered, 0 of them slower than the 15 s target; "
                        + "every job READY at the end.")
                .doesNotContain("Respawns over").doesNotContain("FAILED");
    }

    @Test
    void theReportJudgesAgainstItsOwnTargetAndSaysWhatTheCampaignRecorded() throws Exception {
        Report report = report(Duration.ofSeconds(10), "chaos-within-target.jsonl");
        String md = ReportFiles.render(report).get(ReportFiles.REPORT_MD);

        assertThat(report.headline()).isEqualTo("FAILED: 1 respawn missed the 10 s target");
        assertThat(md).contains("The campaign itself judged against a target of 15 s and recorded PASSED; this report "
                        + "judges against 10 s (`--target`).")
                .contains("| 2 | `dev.launchguard.demo.model` | exit | crash | 14.00 s |");
    }

    @Test
    void jmhSingleShotBenchmarksAreJobsAndEveryBenchmarkIsScored() throws Exception {
        String md = render(Duration.ofSeconds(15), "jmh-respawn.json");

        assertThat(md).contains("| `RespawnBench.respawn [pauseMs=5]` | 6 | 5.1 ms | 6.4 ms | 6.4 ms | 6.4 ms | 0 | 0 "
                        + "| – | – |")
                .contains("| `RespawnBench.spawnOnly [pauseMs=20]` | 4 | 2.1 ms | 2.1 ms | 2.1 ms | 2.1 ms | 0 | 0 "
                        + "| – | – |")
                .doesNotContain("| `RespawnBench.probe")
                .contains("| `bench.RespawnBench.probe` | thrpt | pauseMs=5 | 783791863.062 | 2057084286.888 | ops/s |")
                .contains("| `bench.RespawnBench.respawn` | ss | pauseMs=20 | 20.088 | 0.031 | ms/op |")
                .contains("| ↳ gc.count |  |  | 0.000 | – | counts |")
                .contains("No sample carries phases")
                .doesNotContain("phases.svg")
                .doesNotContain("Per fault kind");
    }

    @Test
    void chartsAreReferencedByRelativePath() throws Exception {
        String md = render(Duration.ofSeconds(15), "chaos-campaign.jsonl");

        assertThat(md).contains("![Respawn latency: histogram and cumulative distribution against the 15 s target]"
                + "(respawn-latency.svg)");
    }

    @Test
    void aCellCannotBreakItsTable() {
        String table = new MarkdownTable(1, "label", "error").row("a|b", "line one\nline two").render();

        assertThat(table).isEqualTo("| label | error |\n|---|---:|\n| a\\|b | line one line two |\n");
    }
}
