package dev.launchguard.plist;

import com.dd.plist.ASCIIPropertyListParser;
import com.dd.plist.BinaryPropertyListParser;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import com.dd.plist.XMLPropertyListParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import javax.xml.parsers.DocumentBuilder;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Reads and writes launchd plists (XML or binary) as {@link LaunchdJob}s; the only way into
 * dd-plist for the rest of launchguard.
 */
public final class Plists {

    /** launchd refuses a plist that is group- or world-writable; 0644 is what launchd's own tools write. */
    private static final String PLIST_MODE = "rw-r--r--";

    private Plists() {
    }

    /** Reads the job in {@code file}; XML, binary and old-style ASCII plists are accepted. */
    public static LaunchdJob read(Path file) {
        String source = file.toString();
        return parse(readBytes(file), source);
    }

    /**
     * The {@code *.plist} files of a folder in file-name order, as the embedded engine loads them (every
     * name ending in {@code .plist}; a non-file among them is refused when read, never skipped here).
     *
     * @throws PlistException naming the folder when it does not exist, is not a folder or cannot be listed
     */
    public static java.util.List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new PlistException(folder.toString(), "", Files.exists(folder)
                    ? "is not a folder; allowed: a folder of launchd plists" : "does not exist; allowed: a folder of launchd plists");
        }
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".plist")).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new PlistException(folder.toString(), "", "cannot be listed: " + e.getMessage(), e);
        }
    }

    /** Parses plist bytes; {@code source} names where they came from, for error messages. */
    public static LaunchdJob parse(byte[] bytes, String source) {
        return PlistDecoder.decode(parseDictionary(bytes, source), Problems.throwing(source));
    }

    /**
     * Every key of the plist in {@code file} as plain Java values (String, Long, Double, Boolean,
     * Instant, {@link PlistData}, List, Map), for readers that want keys launchguard does not model.
     */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> readValues(Path file) {
        String source = file.toString();
        return (java.util.Map<String, Object>) PlistValues.toJava(parseDictionary(readBytes(file), source));
    }

    /** The job as an XML plist, the format launchd's own tools write. */
    public static String toXml(LaunchdJob job) {
        NSDictionary root = PlistEncoder.encode(job);
        int bad = notXmlCharacter(root);
        if (bad >= 0) {
            // dd-plist's XML writer would drop it without a word: the file would say something else.
            throw new PlistException(job.label(), "", String.format(java.util.Locale.ROOT,
                    "cannot be written as XML: a value holds the character U+%04X, which XML 1.0 cannot carry; "
                    + "allowed: text without control characters other than tab and newline", bad));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PropertyListParser.saveAsXML(root, out);
        } catch (IOException e) {
            throw new PlistException(job.label(), "", "cannot be written as XML: " + e.getMessage(), e);
        }
        String xml = out.toString(StandardCharsets.UTF_8);
        // dd-plist stops at "</plist>"; a text file ends with a newline.
        return xml.endsWith("\n") ? xml : xml + "\n";
    }

    /** The first character XML 1.0 cannot carry in any key or string of {@code value}, or -1. */
    private static int notXmlCharacter(NSObject value) {
        if (value instanceof com.dd.plist.NSString string) {
            return notXmlCharacter(string.getContent());
        }
        if (value instanceof NSDictionary dict) {
            for (java.util.Map.Entry<String, NSObject> e : dict.entrySet()) {
                int bad = notXmlCharacter(e.getKey());
                if (bad < 0) {
                    bad = notXmlCharacter(e.getValue());
                }
                if (bad >= 0) {
                    return bad;
                }
            }
        }
        if (value instanceof com.dd.plist.NSArray array) {
            for (NSObject element : array.getArray()) {
                int bad = notXmlCharacter(element);
                if (bad >= 0) {
                    return bad;
                }
            }
        }
        return -1;
    }

    /** The first character XML 1.0 does not allow in {@code text} (a control character, an unpaired surrogate), or -1. */
    static int notXmlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A carriage return is allowed in XML but not kept: every parser reads it as a newline.
            boolean allowed = c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!allowed) {
                return c;
            }
        }
        return -1;
    }

    /** The job as a binary plist. */
    public static byte[] toBinary(LaunchdJob job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PropertyListParser.saveAsBinary(PlistEncoder.encode(job), out);
        } catch (IOException e) {
            throw new PlistException(job.label(), "", "cannot be written as binary: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the job to {@code file} as XML, atomically (a reader never sees half a plist), with
     * mode 0644 where the file system has POSIX modes.
     */
    public static void write(LaunchdJob job, Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, toXml(job));
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    // createTempFile makes the file 0600; launchd's tools and most operators expect 0644.
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(PLIST_MODE));
                }
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new PlistException(file.toString(), "", "cannot be written: " + e.getMessage(), e);
        }
    }

    /** The file's bytes, refused unread when it is larger than a plist may be ({@link PlistLimits}). */
    static byte[] readBytes(Path file) {
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // A FIFO would block the read for ever, a device would never end.
                throw new PlistException(file.toString(), "", "is not a regular file; allowed: a plist file");
            }
            PlistLimits.checkSize(Files.size(file), file.toString());
            byte[] bytes = Files.readAllBytes(file);
            // The file may have grown between the two calls.
            PlistLimits.checkSize(bytes.length, file.toString());
            return bytes;
        } catch (IOException e) {
            throw new PlistException(file.toString(), "", "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses the bytes into the root dictionary, turning every parser failure into one message. The
     * bytes are held to {@link PlistLimits} first, so dd-plist never sees a plist deep enough to
     * overflow its recursion or big enough to fill the heap.
     */
    static NSDictionary parseDictionary(byte[] bytes, String source) {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw new PlistException(source, "", "is empty; a launchd plist is a dictionary with at least a Label");
        }
        PlistLimits.Format format = PlistLimits.check(bytes, source);
        NSObject root;
        try {
            // The parser for the format the limits were checked for, never dd-plist's own guess.
            root = switch (format) {
                case XML -> parseXml(bytes);
                case BINARY -> BinaryPropertyListParser.parse(bytes);
                case ASCII -> ASCIIPropertyListParser.parse(bytes);
            };
        } catch (SAXParseException e) {
            throw new PlistException(source, "", "is not valid XML: line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + oneLine(e.getMessage()), e);
        } catch (Exception e) {
            throw new PlistException(source, "", "is not a valid plist: " + oneLine(String.valueOf(e.getMessage())), e);
        } catch (StackOverflowError e) {
            // PlistLimits bounds the depth; this is the last guard should a parser recurse elsewhere.
            throw new PlistException(source, "", "is nested too deeply for the plist parser; allowed: at most "
                    + PlistLimits.MAX_DEPTH + " levels", e);
        }
        if (!(root instanceof NSDictionary)) {
            throw new PlistException(source, "", "top level must be a dictionary, got "
                    + PlistValues.typeName(root));
        }
        PlistDates.check(root, source);
        return (NSDictionary) root;
    }

    /** A parser's message on one line, as every refusal is logged. */
    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /**
     * Parses XML through dd-plist's own document builder (external DTDs not fetched), but with an
     * error handler that throws instead of printing "[Fatal Error]" to stderr.
     */
    private static NSObject parseXml(byte[] bytes) throws Exception {
        DocumentBuilder builder = XMLPropertyListParser.getDocBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // A warning does not stop launchd's parser either.
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        Document document = builder.parse(new ByteArrayInputStream(bytes));
        return XMLPropertyListParser.parse(document);
    }
}
