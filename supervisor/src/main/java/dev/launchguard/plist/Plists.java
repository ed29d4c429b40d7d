package dev.launchguard.plist;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xml.sax.SAXParseException;

/**
 * Reads and writes launchd plists (XML or binary) as {@link LaunchdJob}s; the only way into
 * dd-plist for the rest of launchguard.
 */
public final class Plists {

    private Plists() {
    }

    /** Reads the job in {@code file}; XML, binary and old-style ASCII plists are accepted. */
    public static LaunchdJob read(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PlistException(source, "", "cannot be read: " + e.getMessage(), e);
        }
        return parse(bytes, source);
    }

    /** Parses plist bytes; {@code source} names where they came from, for error messages. */
    public static LaunchdJob parse(byte[] bytes, String source) {
        return PlistDecoder.decode(parseDictionary(bytes, source), source);
    }

    /** The job as an XML plist, the format launchd's own tools write. */
    public static String toXml(LaunchdJob job) {
        NSDictionary root = PlistEncoder.encode(job);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PropertyListParser.saveAsXML(root, out);
        } catch (IOException e) {
            throw new PlistException(job.label(), "", "cannot be written as XML: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
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

    /** Writes the job to {@code file} as XML, atomically (a reader never sees half a plist). */
    public static void write(LaunchdJob job, Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, toXml(job));
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new PlistException(file.toString(), "", "cannot be written: " + e.getMessage(), e);
        }
    }

    /** Parses the bytes into the root dictionary, turning every parser failure into one message. */
    static NSDictionary parseDictionary(byte[] bytes, String source) {
        NSObject root;
        try {
            root = PropertyListParser.parse(bytes);
        } catch (SAXParseException e) {
            throw new PlistException(source, "", "is not a valid plist: line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            SAXParseException sax = findSaxCause(e);
            if (sax != null) {
                throw new PlistException(source, "", "is not a valid plist: line " + sax.getLineNumber()
                        + ", column " + sax.getColumnNumber() + ": " + sax.getMessage(), e);
            }
            throw new PlistException(source, "", "is not a valid plist: " + e.getMessage(), e);
        }
        if (!(root instanceof NSDictionary)) {
            throw new PlistException(source, "", "top level must be a dictionary, got "
                    + PlistDecoder.typeName(root));
        }
        return (NSDictionary) root;
    }

    private static SAXParseException findSaxCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SAXParseException) {
                return (SAXParseException) t;
            }
        }
        return null;
    }
}
