package dev.launchguard.launchctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of one {@code launchctl print} block: its header and the lines at depth 1.
 *
 * <p>launchctl(1) says of {@code print}: "the output is NOT API in any sense at all". So this reader
 * trusts neither indentation (tabs in real captures, 4 or 8 spaces once pasted into an issue) nor a
 * complete block (pasted excerpts stop anywhere). Depth comes from counting braces; when there is no
 * header (output filtered through {@code sed} or {@code grep}), the shallowest indentation marks
 * depth 1 instead. Only depth-1 lines count, because nested blocks repeat keys: the coalition blocks
 * of print-gui-macos27-interval-exited.txt each say {@code state = active} while the job is
 * {@code not running}.
 *
 * @param header the text before {@code = {} on the first line, if the block has a header
 * @param fields depth-1 {@code key = value} lines in order; a bare line (no {@code =}) maps to ""
 * @param lines the input line number of each field
 * @param blocks for each depth-1 nested block, its direct children, trimmed, in order
 * @param complete whether the closing brace of the header block was seen
 */
record PrintBlock(
        Optional<String> header,
        Map<String, String> fields,
        Map<String, Integer> lines,
        Map<String, List<String>> blocks,
        boolean complete) {

    private static final String OUTPUT = "launchctl print";
    private static final Pattern HEADER = Pattern.compile("^(\\S.*?)\\s*=\\s*\\{$");
    private static final Pattern OPENS = Pattern.compile("^(.*?)\\s*=>?\\s*[{\\[]$");
    // The closing bracket may share a line with an emptied entry: "0 = \t\t\t\t]" in
    // print-gui-macos27-running-keepalive.txt (the LWCR cdhash array).
    private static final Pattern CLOSES = Pattern.compile("^(?:[^=]*=>?)?\\s*[}\\]]$");
    private static final Pattern FIELD = Pattern.compile("^(.+?)\\s+=\\s?(.*)$");
    private static final int TAB_WIDTH = 8;

    static PrintBlock read(String text) {
        return new Reader().read(text);
    }

    /** The mutable state of one pass over the input. */
    private static final class Reader {
        private Optional<String> header = Optional.empty();
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Map<String, Integer> lines = new LinkedHashMap<>();
        private final Map<String, List<String>> blocks = new LinkedHashMap<>();
        private int depth;
        private int rootDepth;
        private int baseIndent = -1;
        private String openBlock;
        private boolean complete;

        PrintBlock read(String text) {
            String[] all = text.split("\\R", -1);
            for (int i = 0; i < all.length; i++) {
                line(i + 1, all[i]);
            }
            return new PrintBlock(header, fields, lines, blocks, complete);
        }

        private void line(int number, String raw) {
            String trimmed = raw.strip();
            if (trimmed.isEmpty()) {
                return;
            }
            if (complete) {
                throw new LaunchctlParseException(OUTPUT, number,
                        "has text after the block of '" + header.orElse("") + "' ended: " + trimmed);
            }
            Matcher headerLine = HEADER.matcher(trimmed);
            if (header.isEmpty() && fields.isEmpty() && depth == 0 && headerLine.matches()) {
                header = Optional.of(headerLine.group(1));
                depth = 1;
                rootDepth = 1;
                return;
            }
            if (CLOSES.matcher(trimmed).matches()) {
                close(number, trimmed);
            } else if (depth == rootDepth) {
                topLevel(number, raw, trimmed);
            } else {
                nested(trimmed);
            }
        }

        private void close(int number, String trimmed) {
            if (depth == 0) {
                throw new LaunchctlParseException(OUTPUT, number,
                        "closes a block that was never opened: " + trimmed);
            }
            if (depth == rootDepth + 1 && openBlock != null && !trimmed.startsWith("}")
                    && !trimmed.startsWith("]")) {
                blocks.get(openBlock).add(trimmed.substring(0, trimmed.length() - 1).strip());
            }
            depth--;
            if (depth == rootDepth) {
                openBlock = null;
            }
            if (header.isPresent() && depth == 0) {
                complete = true;
            }
        }

        private void topLevel(int number, String raw, String trimmed) {
            int indent = indentation(raw);
            if (baseIndent < 0) {
                baseIndent = indent;
            }
            if (indent > baseIndent) {
                // Only reachable without braces (filtered output): deeper indentation is a nested line.
                return;
            }
            Matcher opens = OPENS.matcher(trimmed);
            if (opens.matches()) {
                openBlock = opens.group(1);
                blocks.putIfAbsent(openBlock, new ArrayList<>());
                lines.putIfAbsent(openBlock, number);
                depth++;
                return;
            }
            Matcher field = FIELD.matcher(trimmed);
            String key = field.matches() ? field.group(1) : trimmed;
            String value = field.matches() ? field.group(2).strip() : "";
            fields.putIfAbsent(key, value);
            lines.putIfAbsent(key, number);
        }

        private void nested(String trimmed) {
            boolean opens = OPENS.matcher(trimmed).matches();
            if (depth == rootDepth + 1 && openBlock != null) {
                blocks.get(openBlock).add(trimmed);
            }
            if (opens) {
                depth++;
            }
        }

        private static int indentation(String raw) {
            int width = 0;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\t') {
                    width += TAB_WIDTH - width % TAB_WIDTH;
                } else if (c == ' ') {
                    width++;
                } else {
                    break;
                }
            }
            return width;
        }
    }
}
