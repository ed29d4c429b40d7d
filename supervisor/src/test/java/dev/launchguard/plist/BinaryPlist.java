package dev.launchguard.plist;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A binary plist built object by object, with 4-byte offsets and 2-byte references. */
public final class BinaryPlist {
    private final List<byte[]> objects = new ArrayList<>();

    public void add(byte[] object) {
        objects.add(object);
    }

    public static byte[] array(int... refs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (refs.length < 15) {
            out.write(0xA0 | refs.length);
        } else {
            out.write(0xAF);
            out.write(0x11);
            out.write(refs.length >> 8);
            out.write(refs.length);
        }
        for (int ref : refs) {
            out.write(ref >> 8);
            out.write(ref);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String s) {
        byte[] text = s.getBytes(StandardCharsets.US_ASCII);
        byte[] object = new byte[text.length + 1];
        object[0] = (byte) (0x50 | text.length);
        System.arraycopy(text, 0, object, 1, text.length);
        return object;
    }

    public static byte[] nestedArrays(int depth) {
        BinaryPlist plist = new BinaryPlist();
        for (int i = 0; i < depth; i++) {
            plist.add(array(i + 1));
        }
        plist.add(ascii("x"));
        return plist.bytes(0);
    }

    public byte[] bytes(int top) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("bplist00".getBytes(StandardCharsets.US_ASCII));
        List<Integer> offsets = new ArrayList<>();
        for (byte[] object : objects) {
            offsets.add(out.size());
            out.writeBytes(object);
        }
        int table = out.size();
        for (int offset : offsets) {
            writeNumber(out, offset, 4);
        }
        out.writeBytes(new byte[6]);
        out.write(4); // offset size
        out.write(2); // reference size
        writeNumber(out, objects.size(), 8);
        writeNumber(out, top, 8);
        writeNumber(out, table, 8);
        return out.toByteArray();
    }

    private static void writeNumber(ByteArrayOutputStream out, long value, int size) {
        for (int i = size - 1; i >= 0; i--) {
            out.write((int) (value >> (8 * i)));
        }
    }
}
