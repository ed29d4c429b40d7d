package dev.launchguard.plist;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The limits a plist is held to before dd-plist parses it: size, nesting depth, number of values and
 * length of one value. dd-plist's parsers recurse once per level (a deep binary plist overflowed the
 * stack) and build every value in memory (a 30 MB plist ran the heap out), so each format is walked
 * first by a loop that allocates nothing per value, and a plist beyond a limit is refused in one line
 * naming the file, the key path, the value and the limit.
 *
 * <p>The largest launchd plists Apple ships are a few kilobytes, nest five levels deep
 * ({@code KeepAlive.PathState.<path>}) and hold a few hundred values; the limits leave a hundred
 * times that room.
 */
final class PlistLimits {

    /** 1 MiB: a launchd plist of a thousand environment variables is 60 KB. */
    static final int MAX_BYTES = 1024 * 1024;
    /** Values inside values; launchguard.yaml allows the same. */
    static final int MAX_DEPTH = 32;
    /** Values in the whole plist (each array element, dictionary value and key counts once). */
    static final int MAX_VALUES = 20_000;
    /** Characters in one string, key or data value, as for a value in launchguard.yaml. */
    static final int MAX_VALUE_CHARS = 64 * 1024;

    /** The elements of Apple's plist DTD; dd-plist turns any other into a value nothing can read. */
    private static final java.util.Set<String> ELEMENTS = new java.util.LinkedHashSet<>(List.of("plist", "dict",
            "key", "array", "string", "integer", "real", "true", "false", "date", "data"));

    private PlistLimits() {
    }

    /** Refuses a file of {@code size} bytes before it is read. */
    static void checkSize(long size, String source) {
        if (size > MAX_BYTES) {
            throw new PlistException(source, "", "is " + String.format(Locale.ROOT, "%,d", size)
                    + " bytes; allowed: at most " + String.format(Locale.ROOT, "%,d", MAX_BYTES)
                    + " bytes (1 MiB) for a launchd plist");
        }
    }

    /** The three formats launchguard reads, told apart the way it then parses them. */
    enum Format { XML, BINARY, ASCII }

    /**
     * The bytes' format: {@code bplist} starts a binary plist, {@code <} (after a UTF-8 byte-order
     * mark and white space) an XML one, and {@code {} an old-style ASCII one. Anything else (a
     * UTF-16 XML plist, say) is refused rather than handed to a parser these limits do not cover.
     */
    static Format format(byte[] bytes, String source) {
        if (isBinary(bytes)) {
            return Format.BINARY;
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).replace("\uFEFF", "")
                .stripLeading();
        if (head.startsWith("<")) {
            return Format.XML;
        }
        if (head.startsWith("{") || head.startsWith("(") || head.startsWith("/")) {
            return Format.ASCII;
        }
        throw new PlistException(source, "", "is neither an XML (UTF-8), a binary nor an old-style plist; launchd's "
                + "plists are XML or binary, as plutil -convert xml1 or binary1 writes them");
    }

    /** Checks the bytes of an XML, binary or old-style ASCII plist against every limit; their format. */
    static Format check(byte[] bytes, String source) {
        checkSize(bytes.length, source);
        Format format = format(bytes, source);
        switch (format) {
            case BINARY -> new Binary(bytes, source).check();
            case XML -> xml(bytes, source);
            case ASCII -> ascii(bytes, source);
        }
        return format;
    }

    static boolean isBinary(byte[] bytes) {
        return bytes.length >= 8 && new String(bytes, 0, 6, StandardCharsets.ISO_8859_1).equals("bplist");
    }

    private static PlistException tooDeep(String source, String path) {
        return new PlistException(source, path, "nests more than " + MAX_DEPTH
                + " values deep; allowed: at most " + MAX_DEPTH + " levels");
    }

    private static PlistException tooMany(String source, String path) {
        return new PlistException(source, path, "holds more than " + String.format(Locale.ROOT, "%,d", MAX_VALUES)
                + " values; allowed: at most " + String.format(Locale.ROOT, "%,d", MAX_VALUES));
    }

    private static PlistException tooLong(String source, String path, long length) {
        return new PlistException(source, path, "a value of " + String.format(Locale.ROOT, "%,d", length)
                + " characters; allowed: at most " + String.format(Locale.ROOT, "%,d", MAX_VALUE_CHARS));
    }

    /** Where the walk is: one entry per open container, its key or index so far. */
    private static final class Path {
        private final List<String> parts = new ArrayList<>();

        void push(String part) {
            parts.add(part);
        }

        void pop() {
            parts.remove(parts.size() - 1);
        }

        void replaceLast(String part) {
            parts.set(parts.size() - 1, part);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (String part : parts) {
                if (part.startsWith("[")) {
                    out.append(part);
                } else if (!part.isEmpty()) {
                    out.append(out.length() == 0 ? "" : ".").append(part);
                }
            }
            return out.toString();
        }
    }

    // XML: a streaming pass (no tree), with no DTD processing, so entity declarations cannot expand.

    private static void xml(byte[] bytes, String source) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        XMLStreamReader reader;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
        } catch (XMLStreamException e) {
            throw notXml(source, e);
        }
        // For each open container: "dict" or "array", and beside it the key or index the walk is at.
        Deque<String> containers = new ArrayDeque<>();
        Deque<Integer> indexes = new ArrayDeque<>();
        Path path = new Path();
        int values = 0;
        long text = 0;
        boolean inKey = false;
        StringBuilder key = new StringBuilder();
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> {
                        if (reader.getText().contains("<!ENTITY")) {
                            throw new PlistException(source, "", "declares XML entities; allowed: a plain plist "
                                    + "(the DOCTYPE line launchd's tools write, nothing inside it)");
                        }
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = reader.getLocalName();
                        text = 0;
                        if (name.equals("plist")) {
                            continue;
                        }
                        if (name.equals("key")) {
                            inKey = true;
                            key.setLength(0);
                            continue;
                        }
                        if (++values > MAX_VALUES) {
                            throw tooMany(source, path.toString());
                        }
                        if ("array".equals(containers.peek())) {
                            int index = indexes.pop();
                            indexes.push(index + 1);
                            path.replaceLast("[" + index + "]");
                        }
                        if (!ELEMENTS.contains(name)) {
                            throw new PlistException(source, path.toString(), "line "
                                    + reader.getLocation().getLineNumber() + ": <" + name + "> is not a plist element"
                                    + Suggestions.didYouMean(name, List.copyOf(ELEMENTS)) + "; allowed: "
                                    + String.join(", ", ELEMENTS));
                        }
                        if (name.equals("dict") || name.equals("array")) {
                            if (containers.size() >= MAX_DEPTH) {
                                throw tooDeep(source, path.toString());
                            }
                            containers.push(name);
                            indexes.push(0);
                            path.push("");
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        text += reader.getTextLength();
                        if (text > MAX_VALUE_CHARS) {
                            // The parser hands text over in pieces: the length so far, not the value's.
                            throw new PlistException(source, path.toString(), "holds a value of more than "
                                    + String.format(Locale.ROOT, "%,d", MAX_VALUE_CHARS) + " characters; allowed: at most "
                                    + String.format(Locale.ROOT, "%,d", MAX_VALUE_CHARS));
                        }
                        if (inKey) {
                            key.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        String name = reader.getLocalName();
                        text = 0;
                        if (name.equals("key")) {
                            inKey = false;
                            if (++values > MAX_VALUES) {
                                throw tooMany(source, path.toString());
                            }
                            if ("dict".equals(containers.peek())) {
                                path.replaceLast(key.toString().strip());
                            }
                        } else if ((name.equals("dict") || name.equals("array")) && !containers.isEmpty()) {
                            containers.pop();
                            indexes.pop();
                            path.pop();
                        }
                    }
                    default -> {
                        // Comments, processing instructions and the document's end carry no values.
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw notXml(source, e);
        } catch (PlistException e) {
            throw e;
        } catch (RuntimeException e) {
            // The JDK's parser has thrown its own exceptions on some broken DOCTYPEs (a message key
            // missing from its resources): still a broken file, not a crash.
            String where = reader.getLocation() == null ? "" : "line " + reader.getLocation().getLineNumber() + ", column "
                    + reader.getLocation().getColumnNumber() + ": ";
            throw new PlistException(source, "", "is not valid XML: " + where + e, e);
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Nothing to release: the input is an array.
            }
        }
    }

    private static PlistException notXml(String source, XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        // The JDK's message starts "ParseError at [row,col]:[r,c]\nMessage: ..."; keep the last line.
        String last = message.substring(message.lastIndexOf('\n') + 1).replaceFirst("^Message: ", "");
        String where = e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ": ";
        return new PlistException(source, "", "is not valid XML: " + where + last, e);
    }

    // Old-style ASCII plists: brackets outside quoted strings and comments give the depth; the
    // separators (',' in arrays, ';' after each dictionary entry) give the number of values.

    private static void ascii(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int depth = 0;
        int values = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    char inside = text.charAt(end);
                    if (isControl(inside)) {
                        throw control(source, inside, " in a string");
                    }
                    end += inside == '\\' ? 2 : 1;
                }
                if (end - i - 1 > MAX_VALUE_CHARS) {
                    throw tooLong(source, "", end - i - 1);
                }
                i = end + 1;
                continue;
            }
            if (c == '/' && i + 1 < text.length() && (text.charAt(i + 1) == '*' || text.charAt(i + 1) == '/')) {
                int end = text.charAt(i + 1) == '*' ? text.indexOf("*/", i + 2) : text.indexOf('\n', i + 2);
                i = end < 0 ? text.length() : end + 1;
                continue;
            }
            if (isControl(c)) {
                // dd-plist's old-style parser mangles them, and no XML plist could carry them.
                throw control(source, c, "");
            }
            if (c == '(' || c == '{' || c == '<') {
                if (++depth > MAX_DEPTH) {
                    throw tooDeep(source, "");
                }
            } else if (c == ')' || c == '}' || c == '>') {
                depth--;
            } else if ((c == ',' || c == ';' || c == '=') && ++values > MAX_VALUES) {
                throw tooMany(source, "");
            }
            i++;
        }
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    private static PlistException control(String source, char c, String where) {
        return new PlistException(source, "", String.format(Locale.ROOT, "holds the control character U+%04X%s; "
                + "allowed: text without control characters other than tab, newline and carriage return", (int) c, where));
    }

    /**
     * A binary plist ({@code bplist00}): the trailer, the offset table and every object's extent are
     * checked against the file, then the object graph is walked from the top object with an explicit
     * stack. A reference back up the graph (a cycle) shows as unbounded depth; shared references
     * count each time they are reached, as dd-plist builds them each time.
     */
    private static final class Binary {
        private static final int TRAILER = 32;

        private final byte[] bytes;
        private final String source;
        private int offsetSize;
        private int refSize;
        private long objects;
        private long tableStart;

        Binary(byte[] bytes, String source) {
            this.bytes = bytes;
            this.source = source;
        }

        private PlistException broken(String what) {
            return new PlistException(source, "", "is not a valid binary plist: " + what);
        }

        void check() {
            if (bytes.length < 8 + 1 + TRAILER) {
                throw broken("it is " + bytes.length + " bytes, too short for a header, an object and a trailer");
            }
            int trailer = bytes.length - TRAILER;
            offsetSize = bytes[trailer + 6] & 0xFF;
            refSize = bytes[trailer + 7] & 0xFF;
            objects = number(trailer + 8, 8);
            long top = number(trailer + 16, 8);
            tableStart = number(trailer + 24, 8);
            if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) {
                throw broken("offset size " + offsetSize + " and reference size " + refSize
                        + " in the trailer; allowed: 1 to 8 bytes each");
            }
            if (objects < 1 || objects > MAX_VALUES) {
                if (objects > MAX_VALUES) {
                    throw tooMany(source, "");
                }
                throw broken("the trailer counts no objects");
            }
            if (top < 0 || top >= objects) {
                throw broken("top object " + top + " is not one of its " + objects + " objects");
            }
            if (tableStart < 8 || tableStart + objects * offsetSize > trailer) {
                throw broken("the offset table at " + tableStart + " does not fit between the header and the trailer");
            }
            walk(top);
        }

        private record Visit(long ref, int depth, String path) {
        }

        private void walk(long top) {
            Deque<Visit> stack = new ArrayDeque<>();
            stack.push(new Visit(top, 0, ""));
            long visits = 0;
            while (!stack.isEmpty()) {
                Visit visit = stack.pop();
                if (++visits > MAX_VALUES) {
                    throw tooMany(source, visit.path());
                }
                long at = offset(visit.ref());
                int marker = bytes[(int) at] & 0xFF;
                int type = marker >> 4;
                switch (type) {
                    case 0x0 -> extent(at, 1);
                    case 0x1, 0x2 -> extent(at, 1 + (1L << (marker & 0xF)));
                    case 0x3 -> extent(at, 9);
                    case 0x8 -> throw new PlistException(source, visit.path(), "holds a UID value (an archived "
                            + "object's reference); allowed: the types of a launchd plist");
                    case 0x4, 0x5, 0x6, 0x7 -> {
                        long[] length = length(at, marker);
                        if (type != 0x4 && length[0] > MAX_VALUE_CHARS || type == 0x4 && length[0] > MAX_BYTES) {
                            throw tooLong(source, visit.path(), length[0]);
                        }
                        extent(at, length[1] + length[0] * (type == 0x6 ? 2 : 1));
                    }
                    case 0xB, 0xC -> throw new PlistException(source, visit.path(), "holds a set; allowed: the types "
                            + "of a launchd plist (arrays, dictionaries, strings, numbers, booleans, dates, data)");
                    case 0xA, 0xD -> {
                        if (visit.depth() >= MAX_DEPTH) {
                            throw tooDeep(source, visit.path());
                        }
                        long[] length = length(at, marker);
                        long count = length[0];
                        if (count > MAX_VALUES) {
                            throw tooMany(source, visit.path());
                        }
                        long refs = at + length[1];
                        boolean dict = type == 0xD;
                        extent(at, length[1] + count * refSize * (dict ? 2 : 1));
                        for (long i = count - 1; i >= 0; i--) {
                            long valueRef = number(refs + (dict ? count + i : i) * refSize, refSize);
                            String part = dict ? key(number(refs + i * refSize, refSize), visit.path()) : "[" + i + "]";
                            if (dict) {
                                // The key itself is a value dd-plist builds.
                                stack.push(new Visit(number(refs + i * refSize, refSize), visit.depth() + 1,
                                        join(visit.path(), part)));
                            }
                            stack.push(new Visit(valueRef, visit.depth() + 1, join(visit.path(), part)));
                        }
                    }
                    default -> throw broken("object " + visit.ref() + " has unknown type marker 0x"
                            + Integer.toHexString(marker));
                }
            }
        }

        private static String join(String path, String part) {
            return part.startsWith("[") || path.isEmpty() ? path + part : path + "." + part;
        }

        /** The offset of object {@code ref}, checked to lie between the header and the offset table. */
        private long offset(long ref) {
            if (ref < 0 || ref >= objects) {
                throw broken("a reference to object " + ref + ", beyond its " + objects + " objects");
            }
            long at = number(tableStart + ref * offsetSize, offsetSize);
            if (at < 8 || at >= tableStart) {
                throw broken("object " + ref + " at offset " + at + ", outside the object area 8.." + tableStart);
            }
            return at;
        }

        private void extent(long at, long length) {
            if (length < 0 || at + length > tableStart) {
                throw broken("an object at offset " + at + " runs past the object area (" + length + " bytes)");
            }
        }

        /** The count a marker's low nibble gives (or the integer after it), and the header's size. */
        private long[] length(long at, int marker) {
            int low = marker & 0xF;
            if (low != 0xF) {
                return new long[] {low, 1};
            }
            extent(at, 2);
            int intMarker = bytes[(int) at + 1] & 0xFF;
            if (intMarker >> 4 != 0x1 || (intMarker & 0xF) > 3) {
                throw broken("an object at offset " + at + " has a malformed length");
            }
            int size = 1 << (intMarker & 0xF);
            extent(at, 2 + size);
            long length = number(at + 2, size);
            if (length < 0) {
                throw broken("an object at offset " + at + " has a negative length");
            }
            return new long[] {length, 2 + size};
        }

        /**
         * A dictionary key as text for the key path (its first 64 characters). A key must be a
         * string: dd-plist would make any other object's {@code toString()} the key.
         */
        private String key(long ref, String path) {
            long at = offset(ref);
            int marker = bytes[(int) at] & 0xFF;
            if (marker >> 4 == 0x7) {
                return "?";
            }
            if (marker >> 4 != 0x5 && marker >> 4 != 0x6) {
                throw new PlistException(source, path, "has a dictionary key that is not a string (type marker 0x"
                        + Integer.toHexString(marker) + "); allowed: string keys, as in every launchd plist");
            }
            long[] length = length(at, marker);
            long chars = Math.min(length[0], 64);
            boolean wide = marker >> 4 == 0x6;
            long end = at + length[1] + chars * (wide ? 2 : 1);
            if (end > tableStart) {
                return "?";
            }
            return new String(bytes, (int) (at + length[1]), (int) (end - at - length[1]),
                    wide ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1);
        }

        private long number(long at, int size) {
            if (at < 0 || at + size > bytes.length) {
                throw broken("a number at offset " + at + " runs past the end of the file");
            }
            long value = 0;
            for (int i = 0; i < size; i++) {
                value = value << 8 | bytes[(int) at + i] & 0xFF;
            }
            return value;
        }
    }
}
