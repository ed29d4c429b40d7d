package dev.launchguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.job.JobManagerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine loads only what {@code launchguard plist lint} passes (without host checks):
 * a refused plist is named with its problem, and nothing of it is loaded or started.
 */
class EngineRefusesLintErrorsTest {

    @TempDir
    Path plists;
    @TempDir
    Path state;

    private EmbeddedJobManager engine;

    @BeforeEach
    void start() {
        engine = new EmbeddedJobManager(state);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Path plist(String fileName, String label, String program) throws IOException {
        Path file = plists.resolve(fileName);
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict>"
                + "<key>Label</key><string>" + label + "</string>"
                + "<key>ProgramArguments</key><array><string>" + program + "</string><string>60</string></array>"
                + "</dict></plist>\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aLabelThatWalksOutOfTheFolderIsRefused() throws IOException {
        Path file = plist("bad.plist", "../../etc/evil", "/bin/sleep");

        assertThatThrownBy(() -> engine.bootstrap(file))
                .isInstanceOf(JobManagerException.class)
                .hasMessageStartingWith("job '" + file + "' is not loaded: Label: \"../../etc/evil\" is not in "
                        + "reverse-DNS form");
        assertThat(engine.list()).isEmpty();
    }

    @Test
    void aHundredThousandCharacterLabelIsRefused() throws IOException {
        Path file = plist("long.plist", "com.example." + "a".repeat(100_000), "/bin/sleep");

        assertThatThrownBy(() -> engine.bootstrap(file))
                .isInstanceOf(JobManagerException.class)
                .hasMessage("job '" + file + "' is not loaded: Label: holds a value of more than 65,536 characters; "
                        + "allowed: at most 65,536");
        assertThat(engine.list()).isEmpty();
    }

    @Test
    void aLabelTooLongForItsFileNameIsRefused() throws IOException {
        String label = "com.example." + "a".repeat(1_000);
        Path file = plist("long.plist", label, "/bin/sleep");

        assertThatThrownBy(() -> engine.bootstrap(file))
                .isInstanceOf(JobManagerException.class)
                .hasMessageStartingWith("job '" + file + "' is not loaded: Label: is 1012 bytes long (\"com.example.aaaa")
                .hasMessageContaining("allowed: at most 249 bytes, so that <Label>.plist is a valid file name");
        assertThat(engine.list()).isEmpty();
    }

    @Test
    void aRelativeProgramIsRefusedAndTheOtherErrorsCounted() throws IOException {
        Path file = plist("com.example.rel.plist", "com.example.other", "sleep");

        assertThatThrownBy(() -> engine.bootstrap(file))
                .isInstanceOf(JobManagerException.class)
                .hasMessageStartingWith("job '" + file + "' is not loaded: ProgramArguments[0]: \"sleep\" is not an "
                        + "absolute path")
                .hasMessageContaining("(and 1 more: launchguard plist lint " + file + ")");
        assertThat(engine.list()).isEmpty();
    }

    @Test
    void aPlistBeyondTheLimitsIsRefusedByTheEngineToo() throws IOException {
        Path file = plists.resolve("com.example.deep.plist");
        Files.writeString(file, "<plist><dict><key>Label</key><string>com.example.deep</string><key>X</key>"
                + "<array>".repeat(1_000) + "</array>".repeat(1_000) + "</dict></plist>");

        assertThatThrownBy(() -> engine.bootstrap(file))
                .isInstanceOf(JobManagerException.class)
                .hasMessageContaining("nests more than 32 values deep");
        assertThat(engine.list()).isEmpty();
    }

    @Test
    void aPlistLintPassesIsLoaded() throws IOException {
        // Neither RunAtLoad nor KeepAlive: loaded, not started.
        Path file = plist("com.example.fine.plist", "com.example.fine", "/bin/sleep");

        assertThat(engine.bootstrap(file).loaded()).isTrue();
        assertThat(engine.status("com.example.fine").running()).isFalse();
        engine.bootout("com.example.fine");
    }
}
