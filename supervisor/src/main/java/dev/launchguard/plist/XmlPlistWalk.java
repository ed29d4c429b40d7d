package dev.launchguard.plist;

import static dev.launchguard.plist.PlistLimits.MAX_DEPTH;
import static dev.launchguard.plist.PlistLimits.MAX_VALUES;
import static dev.launchguard.plist.PlistLimits.MAX_VALUE_CHARS;
import static dev.launchguard.plist.PlistLimits.tooDeep;
import static dev.launchguard.plist.PlistLimits.tooMany;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The limits' pass over an XML plist: streaming (no tree), with no DTD processing, so entity declarations cannot expand; only the DTD's elements. */
final class XmlPlistWalk {

    /** The elements of Apple's plist DTD; dd-plist turns any other into a value nothing can read. */
    private static final java.util.Set<String> ELEMENTS = new java.util.LinkedHashSet<>(List.of("plist", "dict",
            "key", "array", "string", "integer", "real", "true", "false", "date", "data"));

    private XmlPlistWalk() {
    }

    // XML: a streaming pass (no tree), with no DTD processing, so entity declarations cannot expand.

    /** A plist date as plutil writes it; dd-plist's parser would also take other forms, leniently. */
    private static final java.util.regex.Pattern DATE =
            java.util.regex.Pattern.compile(
            "(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\dZ");
    /**
     * The first year a date reads back as itself: dd-plist reads and writes dates with the Julian
     * calendar before the Gregorian reform of 1582, and writes no era, so a year 0 or below came back
     * a year 1 or above.
     */
    static final int FIRST_YEAR = 1601;

    /** Refuses a date that would not read back as itself from the XML the writer makes. */
    static void checkDate(String text, String source, String path) {
        java.util.regex.Matcher m = DATE.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(1)) < FIRST_YEAR || !isDate(text)) {
            throw new PlistException(source, path, "holds the date '" + (text.length() > 40 ? text.substring(0, 40)
                    + "..." : text) + "'; allowed: YYYY-MM-DDTHH:MM:SSZ with a year from " + FIRST_YEAR + " to 9999, "
                    + "as plutil writes them");
        }
    }

    /**
     * A real date (no February 31; the pattern already keeps every field in its range, a leap second
     * included): dd-plist's parser is lenient and would roll such a field over, possibly out of the
     * allowed years, so the file would not read back as itself.
     */
    private static boolean isDate(String text) {
        try {
            java.time.Instant.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    static void check(byte[] bytes, String source) {
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
        PlistPath path = new PlistPath();
        int values = 0;
        long text = 0;
        boolean inKey = false;
        StringBuilder key = new StringBuilder();
        boolean inDate = false;
        StringBuilder date = new StringBuilder();
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
                        inDate = name.equals("date");
                        date.setLength(0);
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
                        if (inKey || inDate) {
                            (inKey ? key : date).append(reader.getTextCharacters(), reader.getTextStart(),
                                    reader.getTextLength());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        String name = reader.getLocalName();
                        text = 0;
                        if (name.equals("date")) {
                            inDate = false;
                            checkDate(date.toString().strip(), source, path.toString());
                        }
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
}
