package dev.launchguard.plist;

import java.util.Arrays;
import java.util.Base64;

/**
 * The bytes of a plist {@code <data>} value kept among a job's unmodelled keys, compared by
 * content so that two readings of the same plist give equal {@link LaunchdJob}s (a bare
 * {@code byte[]} compares by identity).
 */
public record PlistData(byte[] bytes) {

    public PlistData {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlistData && Arrays.equals(bytes, ((PlistData) other).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PlistData[" + Base64.getEncoder().encodeToString(bytes) + "]";
    }
}
