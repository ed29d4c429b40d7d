package dev.launchguard.plist;

import static dev.launchguard.plist.PlistLimits.MAX_BYTES;
import static dev.launchguard.plist.PlistLimits.MAX_DEPTH;
import static dev.launchguard.plist.PlistLimits.MAX_VALUES;
import static dev.launchguard.plist.PlistLimits.MAX_VALUE_CHARS;
import static dev.launchguard.plist.PlistLimits.tooDeep;
import static dev.launchguard.plist.PlistLimits.tooLong;
import static dev.launchguard.plist.PlistLimits.tooMany;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A binary plist ({@code bplist00}): the trailer, the offset table and every object's extent are
 * checked against the file, then the object graph is walked from the top object with an explicit
 * stack. A reference back up the graph (a cycle) shows as unbounded depth; shared references
 * count each time they are reached, as dd-plist builds them each time.
 */
final class BinaryPlistWalk {
    private static final int TRAILER = 32;
    /** Binary plist dates count seconds from this moment. */
    private static final java.time.Instant DATE_EPOCH = java.time.Instant.parse("2001-01-01T00:00:00Z");
    private static final double FIRST_DATE = java.time.Duration.between(DATE_EPOCH,
            java.time.Instant.parse(XmlPlistWalk.FIRST_YEAR + "-01-01T00:00:00Z")).getSeconds();
    private static final double LAST_DATE = java.time.Duration.between(DATE_EPOCH,
            java.time.Instant.parse("9999-12-31T23:59:59Z")).getSeconds();

    private final byte[] bytes;
    private final String source;
    private int offsetSize;
    private int refSize;
    private long objects;
    private long tableStart;

    BinaryPlistWalk(byte[] bytes, String source) {
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
                case 0x0 -> simple(at, marker, visit.path());
                case 0x1, 0x2 -> extent(at, 1 + (1L << (marker & 0xF)));
                case 0x3 -> date(at, marker, visit.path());
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

    /**
     * A one-byte object: only {@code false} (0x08) and {@code true} (0x09) are values of a launchd
     * plist. dd-plist reads 0x0E as a 16-byte UUID (a UID object nothing downstream can read) and 0x00
     * as null; neither can be written as XML.
     */
    private void simple(long at, int marker, String path) {
        switch (marker) {
            case 0x08, 0x09 -> extent(at, 1);
            case 0x0E -> throw new PlistException(source, path, "holds a UUID value; allowed: the types of a launchd "
                    + "plist (arrays, dictionaries, strings, numbers, booleans, dates, data)");
            case 0x00 -> throw new PlistException(source, path, "holds a null value; allowed: the types of a launchd "
                    + "plist (arrays, dictionaries, strings, numbers, booleans, dates, data)");
            default -> throw broken("an object at offset " + at + " has unknown type marker 0x"
                    + Integer.toHexString(marker));
        }
    }

    /**
     * A date: 8 bytes, a double of seconds since 2001-01-01. One outside the years 1601 to 9999 (or
     * not a number) is refused: an XML plist writes a date with a four-digit year, in the Julian
     * calendar before 1582, so such a date would not read back as itself (a year of -292,275,024 came
     * back as +292,269,024).
     */
    private void date(long at, int marker, String path) {
        extent(at, 9);
        if (marker != 0x33) {
            throw broken("an object at offset " + at + " has unknown type marker 0x" + Integer.toHexString(marker));
        }
        double seconds = Double.longBitsToDouble(number(at + 1, 8));
        if (!(seconds >= FIRST_DATE && seconds <= LAST_DATE)) {
            throw new PlistException(source, path, "holds a date outside the years " + XmlPlistWalk.FIRST_YEAR
                    + " to 9999 (" + seconds
                    + " s from 2001-01-01); allowed: a date an XML plist can write");
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
