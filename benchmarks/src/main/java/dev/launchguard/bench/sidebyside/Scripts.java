package dev.launchguard.bench.sidebyside;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Python helpers shipped in {@code /sidebyside/} on the class path, written out to run. */
final class Scripts {

    private Scripts() {
    }

    /** Writes {@code /sidebyside/NAME} to {@code dir} (once) and returns its path. */
    static Path extract(String name, Path dir) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = Scripts.class.getResourceAsStream("/sidebyside/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("resource /sidebyside/" + name + " is missing from the class path");
                }
                Files.write(file, in.readAllBytes());
            }
        }
        return file;
    }
}
