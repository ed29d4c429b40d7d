package dev.launchguard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    @TempDir
    Path dir;

    private static Report chaos() throws IOException {
        return MarkdownReportTest.report(Duration.ofSeconds(15), "chaos-campaign.jsonl");
    }

    private static String[] names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void writesTheMarkdownAndBothChartsIntoAFolderItCreates() throws Exception {
        Path out = dir.resolve("reports/nightly");

        assertThat(ReportFiles.write(chaos(), out)).containsExactly(out.resolve("report.md"),
                out.resolve("respawn-latency.svg"), out.resolve("phases.svg"));
        assertThat(names(out)).containsExactly("phases.svg", "report.md", "respawn-latency.svg");
        assertThat(Files.readString(out.resolve("report.md"))).startsWith("# Respawn latency report\n");
        for (String name : names(out)) {
            // not the 0600 of the temporary file it was written as
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name))))
                    .isEqualTo("rw-r--r--");
        }
        SvgDocuments.parse(Files.readString(out.resolve("respawn-latency.svg")));
        SvgDocuments.parse(Files.readString(out.resolve("phases.svg")));
    }

    @Test
    void withoutPhasesThereIsNoPhaseChart() throws Exception {
        ReportFiles.write(MarkdownReportTest.report(Duration.ofSeconds(15), "jmh-respawn.json"), dir);

        assertThat(names(dir)).containsExactly("report.md", "respawn-latency.svg");
    }

    @Test
    void replacesAnEarlierReport() throws Exception {
        Files.writeString(dir.resolve("report.md"), "old");

        ReportFiles.write(chaos(), dir);

        assertThat(Files.readString(dir.resolve("report.md"))).startsWith("# Respawn latency report");
    }

    @Test
    void aFolderThatCannotBeMadeLeavesNothingBehind() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> ReportFiles.write(chaos(), file.resolve("out"))).isInstanceOf(IOException.class);
        assertThat(names(dir)).containsExactly("not-a-folder");
    }
}
