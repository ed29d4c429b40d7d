package dev.launchguard.probe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extra request headers an HTTP probe sends, such as the {@code Authorization} a model server that
 * wants a key asks for. Read from a file only its owner can read ({@code headersFile}); the values
 * are secrets, so {@link #toString()} names the file and the header names, never a value, and
 * nothing logs them.
 */
public final class ProbeHeaders {

    /** The headers the probe itself must set: a file may not override them. */
    static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "connection",
            "transfer-encoding", "user-agent", "accept");
    /** RFC 9110 token characters for a field name. */
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final ProbeHeaders NONE = new ProbeHeaders("", Map.of());

    private final String source;
    private final Map<String, String> headers;

    private ProbeHeaders(String source, Map<String, String> headers) {
        this.source = source;
        this.headers = headers;
    }

    public static ProbeHeaders none() {
        return NONE;
    }

    /**
     * Parses {@code Name: value} lines; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the line and what is wrong, never the value
     */
    public static ProbeHeaders parse(String source, String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon).strip();
            if (colon <= 0 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not 'Name: value'");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("line " + (i + 1) + ": header '" + name + "' is set by the probe itself");
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": header '" + name + "' has a control character in its value");
            }
            if (headers.put(name, value) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": header '" + name + "' appears twice");
            }
        }
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("holds no 'Name: value' line");
        }
        return new ProbeHeaders(source, Map.copyOf(headers));
    }

    /** Name → value, to put on the request; secrets, never to be logged. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Where the headers came from, for messages. */
    public Optional<String> source() {
        return source.isEmpty() ? Optional.empty() : Optional.of(source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbeHeaders other && source.equals(other.source) && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + headers.hashCode();
    }

    /** The file and the header names only: the values are secrets. */
    @Override
    public String toString() {
        return headers.isEmpty() ? "none" : source + " " + new java.util.TreeSet<>(headers.keySet());
    }
}
