package dev.launchguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one input file of {@code launchguard report}, telling the format from the content, never
 * from the name: a JSON array is a JMH result, a first line that is a JSON object with a
 * {@code record} field is chaos-campaign results.
 */
public final class ReportReader {

    private final ChaosReader chaos = new ChaosReader();
    private final JmhReader jmh = new JmhReader();

    /**
     * The file read whole.
     *
     * @throws IOException the file cannot be read at all
     * @throws ReportException it is neither format, or does not fit its format
     */
    public ReportInput read(Path file) throws IOException {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ReportException(file + ": not UTF-8 text; expected chaos-campaign JSON lines or a JMH JSON "
                    + "result");
        }
        String start = content.stripLeading();
        if (start.isEmpty()) {
            throw new ReportException(file + ": is empty; expected chaos-campaign JSON lines or a JMH JSON result");
        }
        if (start.startsWith("[")) {
            return jmh.read(file, content);
        }
        List<String> lines = content.lines().toList();
        int first = firstNonBlank(lines);
        String where = file + ":" + (first + 1);
        if (!start.startsWith("{")) {
            throw neither(where, "it starts with neither '[' nor '{'");
        }
        JsonNode node;
        try {
            node = chaos.parse(where, lines.get(first));
        } catch (ReportException e) {
            // e reads "<where>: not JSON: <why>"
            throw neither(where, "the first line is " + e.getMessage().substring(where.length() + 2));
        }
        if (!node.has("record")) {
            throw neither(where, "the first line has no \"record\" field");
        }
        return chaos.read(file, lines);
    }

    private static ReportException neither(String where, String why) {
        return new ReportException(where + ": neither chaos-campaign JSON lines (a first line {\"record\": "
                + "\"campaign\", ...}) nor a JMH JSON result (an array of benchmarks, from -rf json): " + why);
    }

    private static int firstNonBlank(List<String> lines) {
        int i = 0;
        while (lines.get(i).isBlank()) {
            i++;
        }
        return i;
    }
}
