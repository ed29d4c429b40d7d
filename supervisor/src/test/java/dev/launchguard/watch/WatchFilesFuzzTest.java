package dev.launchguard.watch;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.launchguard.config.ConfigException;
import dev.launchguard.drift.DriftFile;
import dev.launchguard.testing.Refusals;
import dev.launchguard.uptime.UptimeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The drift file and the uptime file readers on any bytes (the first byte picks the reader): the
 * checks or targets, or a {@link ConfigException} in one line naming the file.
 */
class WatchFilesFuzzTest {

    private static Path home;
    private static Path drift;
    private static Path uptime;

    @BeforeAll
    static void folder() throws IOException {
        home = Files.createTempDirectory("launchguard-fuzz-watch");
        drift = home.resolve("drift.yaml");
        uptime = home.resolve("uptime.yaml");
    }

    @AfterAll
    static void clean() throws IOException {
        Files.deleteIfExists(drift);
        Files.deleteIfExists(uptime);
        Files.deleteIfExists(home);
    }

    @FuzzTest(maxDuration = "10s")
    void driftAndUptimeFiles(byte[] bytes) {
        // The first byte: bit 0 picks the drift file, bit 1 asks for names as launchguard run does.
        int mode = bytes.length == 0 ? 0 : bytes[0];
        boolean isDrift = (mode & 1) != 0;
        boolean namesRequired = (mode & 2) != 0;
        Path file = isDrift ? drift : uptime;
        try {
            Files.write(file, bytes.length == 0 ? bytes : Arrays.copyOfRange(bytes, 1, bytes.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (isDrift) {
                new DriftFile(home).load(file);
            } else {
                UptimeFile.load(file, namesRequired);
            }
        } catch (ConfigException e) {
            Refusals.oneLine(e, file.toString());
        }
    }
}
