package dev.launchguard.launchctl;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code launchctl list} table. Columns are split on any run of whitespace: real output
 * uses tabs, but a paste expands them to spaces (list-table-2019-grep-v-apple-spaces.txt), and the
 * header is gone when the output went through {@code grep} (list-table-macos13-ventura-grep-one-line.txt).
 */
public final class ListTableParser {

    private static final String OUTPUT = "launchctl list";
    private static final Pattern HEADER = Pattern.compile("^PID\\s+Status\\s+Label$");
    private static final Pattern ROW = Pattern.compile("^(-|\\d{1,18})\\s+(-?\\d{1,18})\\s+(\\S.*)$");
    // At most 18 digits: every such number fits a long, so a row never overflows the parse.

    private ListTableParser() {
    }

    /** Parses every row; throws {@link LaunchctlParseException} naming the first line that is not a row. */
    public static List<ListEntry> parse(String text) {
        String[] lines = text.split("\\R");
        List<ListEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || (entries.isEmpty() && HEADER.matcher(line).matches())) {
                continue;
            }
            entries.add(row(line, i + 1));
        }
        if (entries.isEmpty()) {
            throw new LaunchctlParseException(OUTPUT, Math.max(1, lines.length), "has no rows: expected 'PID Status Label'");
        }
        return List.copyOf(entries);
    }

    private static ListEntry row(String line, int number) {
        Matcher row = ROW.matcher(line);
        if (!row.matches()) {
            LaunchctlError.recognise(line).ifPresent(error -> {
                throw new LaunchctlParseException(OUTPUT, number, "is launchctl error output, not a row: " + line
                        + " (" + error.code() + ": " + error.reason().meaning() + ")");
            });
            throw new LaunchctlParseException(OUTPUT, number,
                    "is not a 'PID Status Label' row (PID a number or '-', Status a number): " + line);
        }
        OptionalLong pid = row.group(1).equals("-") ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(row.group(1)));
        long status = Long.parseLong(row.group(2));
        return new ListEntry(pid, status, LastExit.fromTableStatus(status), row.group(3).strip());
    }
}
