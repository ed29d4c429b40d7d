package dev.launchguard.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.launchguard.testing.Refusals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The launchguard.yaml loader on any bytes: a configuration, or a {@link ConfigException} in one
 * line naming the file; never another exception, a hang or an exhausted heap.
 */
class ConfigFuzzTest {

    private static Path home;
    private static Path file;

    @BeforeAll
    static void folder() throws IOException {
        home = Files.createTempDirectory("launchguard-fuzz-config");
        file = home.resolve("launchguard.yaml");
    }

    @AfterAll
    static void clean() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(home);
    }

    @FuzzTest(maxDuration = "10s")
    void launchguardYaml(byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            new ConfigLoader(home).load(file);
        } catch (ConfigException e) {
            Refusals.oneLine(e, file.toString());
        }
    }
}
