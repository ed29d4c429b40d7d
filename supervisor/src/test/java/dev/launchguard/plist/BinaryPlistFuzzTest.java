package dev.launchguard.plist;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The binary plist decoder ({@code bplist00}), seeded with binary plists, so the fuzzer works on
 * trailers, offset tables and object references: see {@link PlistFuzzTest#decode}.
 */
class BinaryPlistFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void binaryPlists(byte[] bytes) {
        PlistFuzzTest.decode(bytes);
    }
}
