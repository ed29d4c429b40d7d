package dev.launchguard.launchctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the real launchctl captures in shared/fixtures/launchctl, without their "# source:" line. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        String folder = System.getProperty("launchguard.fixtures", "../../shared/fixtures/launchctl");
        return Path.of(folder).resolve(name);
    }

    /** The raw output the fixture captured: everything after line 1. */
    static String output(String name) {
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
