package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(run.verdict()).hasValueSatisfying(v -> assertThat(v.passed()).isTrue());
    }
}
