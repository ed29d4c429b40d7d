package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.chaos.CampaignVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The campaign results committed under docs/chaos are still read by {@code launchguard report}. */
class CommittedResultsTest {

    /** Maven runs the tests in the module's folder; the docs are beside it. */
    private static final Path DOCS = Path.of("..", "docs", "chaos");

    private static List<Path> committed() throws IOException {
        try (Stream<Path> files = Files.walk(DOCS)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    @Test
    void everyCommittedResultsFileIsRead() throws Exception {
        List<Path> files = committed();
        assertThat(files).isNotEmpty();

        for (Path file : files) {
            ChaosRun run = (ChaosRun) new ReportReader().read(file);
            assertThat(run.events()).hasSize(run.verdict().map(v -> v.events()).orElse(run.events().size()));
        }
    }

    @Test
    void theNovemberCampaignReadsAsItsReportSays() throws Exception {
        ChaosRun run = (ChaosRun) new ReportReader().read(DOCS.resolve("campaign-2026-11-22").resolve("campaign.jsonl"));

        assertThat(run.campaign().count()).isEqualTo(1000);
        assertThat(run.events()).hasSize(1000);
        assertThat(run.unrecovered()).isEmpty();
        // Written before the target was part of the verdict: nothing left behind, but one respawn over 15 s.
        assertThat(run.verdict()).hasValueSatisfying(v -> {
            assertThat(v.recoveredCleanly()).isTrue();
            assertThat(v.passed()).isFalse();
            assertThat(v.headline()).isEqualTo("FAILED: 1 respawn missed the 15 s target");
        });
    }

    @Test
    void theDecemberCampaignPasses() throws Exception {
        ChaosRun run = (ChaosRun) new ReportReader().read(DOCS.resolve("campaign-2026-12-07").resolve("campaign.jsonl"));

        assertThat(run.verdict()).hasValueSatisfying(v -> assertThat(v.headline()).isEqualTo("PASSED"));
    }

    /**
     * Each committed report is what {@code launchguard report} writes today from its results, so the
     * verdict a reader finds in docs/ is the one the code gives.
     */
    @Test
    void everyCommittedReportIsWhatTheReportCommandWritesNow() throws Exception {
        for (Path file : committed()) {
            Path md = file.resolveSibling(ReportFiles.REPORT_MD);
            String committed = Files.readString(md);
            String title = committed.lines().findFirst().orElseThrow().substring("# ".length());
            // The path the report was written with, as its list of inputs shows it: "- `PATH`: chaos campaign, ..."
            Path source = Path.of(committed.lines().filter(l -> l.startsWith("- `")).findFirst().orElseThrow()
                    .replaceFirst("^- `([^`]*)`.*", "$1"));
            Report report = new Report(title, CampaignVerdict.DEFAULT_TARGET,
                    List.of(new ReportReader().read(file)).stream().map(r -> relocated((ChaosRun) r, source)).toList());

            assertThat(ReportFiles.render(report).get(ReportFiles.REPORT_MD)).as(md.toString()).isEqualTo(committed);
        }
    }

    /** The run as if read from {@code source}, the path the committed report was written with. */
    private static ReportInput relocated(ChaosRun run, Path source) {
        return new ChaosRun(source, run.campaign(), run.events(), run.verdict());
    }
}
