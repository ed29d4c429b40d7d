package dev.launchguard.report;

import dev.launchguard.time.Latency;
import dev.launchguard.markup.Markup;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A GitHub-flavoured Markdown table: the first {@code textColumns} columns left-aligned (names),
 * the rest right-aligned (numbers). Cells are escaped, so a label or an error message with a
 * {@code |}, a line break or a {@code <} cannot break the table or add markup to it.
 */
final class MarkdownTable {

    /** What a cell shows when there is no value (no samples, a null field). */
    static final String NONE = "–";
    /** What {@link #code} writes: one span, no backtick inside. */
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

    private final List<String> headers;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(int textColumns, String... headers) {
        this.headers = List.of(headers);
        this.textColumns = textColumns;
    }

    MarkdownTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder text = new StringBuilder();
        line(text, headers);
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            rule.add(i < textColumns ? "---" : "---:");
        }
        text.append('|').append(String.join("|", rule)).append("|\n");
        rows.forEach(row -> line(text, row));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells) {
        text.append('|');
        for (String cell : cells) {
            text.append(' ').append(escape(cell)).append(" |");
        }
        text.append('\n');
    }

    /**
     * What a cell needs in a GFM table: a {@code |} escaped and line breaks joined, so the row holds;
     * in prose also {@code & < >} as entities ({@link Markup#escapeContent}), so no inline HTML or
     * entity can form. A code span ({@link #code}) keeps its text: entities are shown verbatim there.
     */
    static String escape(String cell) {
        boolean codeSpan = CODE_SPAN.matcher(cell).matches();
        return (codeSpan ? cell : Markup.escapeContent(cell)).replace("|", "\\|").replaceAll("\\R", " ");
    }

    /** A latency as the status page prints it ({@code 812.4 ms}, {@code 14.20 s}), or a dash. */
    static String ms(double millis) {
        return Double.isNaN(millis) ? NONE : Latency.format(millis);
    }

    /** Code formatting for a value taken verbatim from a file (a label, a command). */
    static String code(String text) {
        return text.isEmpty() ? NONE : "`" + text.replace("`", "'") + "`";
    }
}
