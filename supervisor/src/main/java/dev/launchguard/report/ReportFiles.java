package dev.launchguard.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report into a folder: {@value #REPORT_MD}, {@value #LATENCY_SVG}, and {@value #PHASES_SVG}
 * when any sample has phases. Everything is rendered in memory first, then each file is written to
 * a temporary file in the same folder and moved into place, so a failure leaves no half-written file.
 * The files get mode 0644 where the file system has POSIX modes.
 */
public final class ReportFiles {

    public static final String REPORT_MD = "report.md";
    public static final String LATENCY_SVG = "respawn-latency.svg";
    public static final String PHASES_SVG = "phases.svg";

    private static final String MODE = "rw-r--r--";

    private ReportFiles() {
    }

    /** The files of {@code report} by name, rendered. */
    public static Map<String, String> render(Report report) {
        boolean phases = !report.phasesByJob().isEmpty();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(REPORT_MD, MarkdownReport.render(report, phases));
        files.put(LATENCY_SVG, LatencyChart.render(report));
        if (phases) {
            files.put(PHASES_SVG, PhaseChart.render(report));
        }
        return files;
    }

    /** Renders {@code report} and writes it into {@code dir} (created if missing); returns the paths written. */
    public static List<Path> write(Report report, Path dir) throws IOException {
        Map<String, String> files = render(report);
        Files.createDirectories(dir);
        Map<Path, Path> moves = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path tmp = Files.createTempFile(dir, "." + file.getKey() + "-", ".tmp");
                moves.put(tmp, dir.resolve(file.getKey()));
                Files.writeString(tmp, file.getValue(), StandardCharsets.UTF_8);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    // createTempFile makes the file 0600; a report is for others to read, as any new file is
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(MODE));
                }
            }
            List<Path> written = new ArrayList<>();
            for (Map.Entry<Path, Path> move : moves.entrySet()) {
                moveInto(move.getKey(), move.getValue());
                written.add(move.getValue());
            }
            return written;
        } finally {
            for (Path tmp : moves.keySet()) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void moveInto(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // same folder, so only a file system without rename semantics gets here
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
