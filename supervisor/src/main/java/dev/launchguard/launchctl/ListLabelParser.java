package dev.launchguard.launchctl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the dictionary {@code launchctl list <label>} prints, in the old NeXTSTEP plist style:
 * {@code "Key" = value;}, arrays in {@code ( ... );}, nested dictionaries in {@code { ... };}, and
 * bare words such as {@code mach-port-object}.
 */
public final class ListLabelParser {

    static final String OUTPUT = "launchctl list <label>";

    private ListLabelParser() {
    }

    /** Parses one job's dictionary; throws {@link LaunchctlParseException} naming the line. */
    public static ListedJob parse(String text) {
        LaunchctlError.recognise(text).ifPresent(error -> {
            throw new LaunchctlParseException(OUTPUT, error.line(), "is launchctl error output, not a job: "
                    + error.message() + " (" + error.code() + ": " + error.reason().meaning() + ")");
        });
        Map<String, Object> dictionary = new NextStepReader(text).document();
        Object label = dictionary.get("Label");
        if (!(label instanceof String)) {
            throw new LaunchctlParseException(OUTPUT, 1, "has no \"Label\" = \"...\"; entry");
        }
        OptionalLong status = number(dictionary, "LastExitStatus");
        return new ListedJob((String) label, number(dictionary, "PID"), status,
                status.isPresent() ? LastExit.fromWaitStatus(status.getAsLong()) : Optional.empty(),
                text(dictionary, "OnDemand").map(Boolean::parseBoolean), text(dictionary, "Program"),
                strings(dictionary.get("ProgramArguments")), text(dictionary, "StandardOutPath"),
                text(dictionary, "StandardErrorPath"), text(dictionary, "LimitLoadToSessionType"),
                number(dictionary, "TimeOut").isPresent()
                        ? Optional.of(Duration.ofSeconds(number(dictionary, "TimeOut").getAsLong()))
                        : Optional.empty(),
                dictionary.get("MachServices") instanceof Map<?, ?> services
                        ? services.keySet().stream().map(String::valueOf).toList() : List.of());
    }

    private static Optional<String> text(Map<String, Object> dictionary, String key) {
        return dictionary.get(key) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    private static OptionalLong number(Map<String, Object> dictionary, String key) {
        Optional<String> value = text(dictionary, key);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get()));
        } catch (NumberFormatException e) {
            throw new LaunchctlParseException(OUTPUT, 1, "has \"" + key + "\" = " + value.get()
                    + ": expected a whole number");
        }
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }

    /** A recursive-descent reader over the characters, counting lines for error messages. */
    private static final class NextStepReader {
        private final String text;
        private int pos;
        private int line = 1;

        NextStepReader(String text) {
            this.text = text;
        }

        Map<String, Object> document() {
            skipWhitespace();
            if (peek() != '{') {
                throw error("does not start with '{'");
            }
            Map<String, Object> dictionary = dictionary();
            skipWhitespace();
            if (peek() == ';') {
                pos++;
            }
            skipWhitespace();
            if (pos < text.length()) {
                throw error("has text after the closing '};'");
            }
            return dictionary;
        }

        private Map<String, Object> dictionary() {
            expect('{');
            Map<String, Object> entries = new LinkedHashMap<>();
            while (skipSpace() != '}') {
                String key = scalar();
                skipSpace();
                expect('=');
                entries.put(key, value());
                skipSpace();
                expect(';');
            }
            pos++;
            return entries;
        }

        private List<Object> array() {
            expect('(');
            List<Object> items = new ArrayList<>();
            while (skipSpace() != ')') {
                items.add(value());
                skipSpace();
                expect(';');
            }
            pos++;
            return items;
        }

        private Object value() {
            char next = skipSpace();
            return next == '{' ? dictionary() : next == '(' ? array() : scalar();
        }

        private String scalar() {
            if (skipSpace() == '"') {
                int end = text.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("has a string that never ends");
                }
                String value = text.substring(pos + 1, end);
                pos = end + 1;
                return value;
            }
            int start = pos;
            while (pos < text.length() && "{}();=\"".indexOf(text.charAt(pos)) < 0
                    && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a key or value, found " + describe(peek()));
            }
            return text.substring(start, pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "', found " + describe(peek()));
            }
            pos++;
        }

        private void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                if (text.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
        }

        /** Skips whitespace inside a structure, where the end of the input means a truncated paste. */
        private char skipSpace() {
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("ends inside the dictionary (truncated paste?)");
            }
            return text.charAt(pos);
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : 0;
        }

        private static String describe(char c) {
            return c == 0 ? "the end of the input" : "'" + c + "'";
        }

        private LaunchctlParseException error(String what) {
            return new LaunchctlParseException(OUTPUT, line, what);
        }
    }
}
