package dev.launchguard.launchctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the real launchctl captures in the test resources' {@code launchctl/} folder, without their
 * "# source:" line (which names where each was captured).
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The capture's file, as the build copied it from {@code src/test/resources/launchctl}. */
    public static Path path(String name) {
        URL url = Fixtures.class.getResource("/launchctl/" + name);
        if (url == null) {
            throw new IllegalArgumentException("fixture '" + name + "' is not in src/test/resources/launchctl");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fixture '" + name + "' has no file path: " + url, e);
        }
    }

    /** The raw output the fixture captured: everything after line 1. */
    public static String output(String name) {
        try {
            String text = Files.readString(path(name), StandardCharsets.UTF_8);
            if (!text.startsWith("# source:")) {
                throw new IllegalStateException("fixture '" + name + "' does not open with a '# source:' line");
            }
            int newline = text.indexOf('\n');
            return newline < 0 ? "" : text.substring(newline + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("fixture '" + name + "' could not be read", e);
        }
    }
}
