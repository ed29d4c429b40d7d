package dev.launchguard.plist;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

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
            case BINARY -> new BinaryPlistWalk(bytes, source).check();
            case XML -> XmlPlistWalk.check(bytes, source);
            case ASCII -> AsciiPlistWalk.check(bytes, source);
        }
        return format;
    }

    static boolean isBinary(byte[] bytes) {
        return bytes.length >= 8 && new String(bytes, 0, 6, StandardCharsets.ISO_8859_1).equals("bplist");
    }

    static PlistException tooDeep(String source, String path) {
        return new PlistException(source, path, "nests more than " + MAX_DEPTH
                + " values deep; allowed: at most " + MAX_DEPTH + " levels");
    }

    static PlistException tooMany(String source, String path) {
        return new PlistException(source, path, "holds more than " + String.format(Locale.ROOT, "%,d", MAX_VALUES)
                + " values; allowed: at most " + String.format(Locale.ROOT, "%,d", MAX_VALUES));
    }

    static PlistException tooLong(String source, String path, long length) {
        return new PlistException(source, path, "a value of " + String.format(Locale.ROOT, "%,d", length)
                + " characters; allowed: at most " + String.format(Locale.ROOT, "%,d", MAX_VALUE_CHARS));
    }
}
