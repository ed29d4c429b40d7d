package dev.launchguard.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A drift check's file is read within launchguard.yaml's limits, whatever its format. */
class ConfigKeysTest {

    @TempDir
    Path dir;

    @Test
    void readsAYamlAndAJsonValueAsText() throws IOException {
        Path yaml = Files.writeString(dir.resolve("app.yaml"), "server:\n  port: 8080\n");
        Path json = Files.writeString(dir.resolve("app.json"), "{\"server\": {\"hosts\": [\"a\", \"b\"]}}");

        assertThat(ConfigKeys.read(yaml, "server.port")).isEqualTo("8080");
        assertThat(ConfigKeys.read(json, "server.hosts.1")).isEqualTo("b");
    }

    @Test
    void refusesAYamlKeyGivenTwiceInsteadOfReadingTheLast() throws IOException {
        Path yaml = Files.writeString(dir.resolve("app.yaml"), "server:\n  port: 8080\n  port: 9090\n");

        assertThatThrownBy(() -> ConfigKeys.read(yaml, "server.port")).isInstanceOf(IllegalStateException.class)
                .hasMessage("server.port: is given twice in one mapping; each key may be given once (YAML would keep "
                        + "only the last)");
    }

    @Test
    void refusesJsonNestedTooDeep() throws IOException {
        Path json = Files.writeString(dir.resolve("app.json"), "{\"a\": " + "[".repeat(40) + "]".repeat(40) + "}");

        assertThatThrownBy(() -> ConfigKeys.read(json, "a")).isInstanceOf(IllegalStateException.class)
                .hasMessage("a" + "[0]".repeat(31) + ": nests lists and mappings more than 32 deep; a file may nest at most 32");
    }

    @Test
    void refusesAPlistBiggerThanTheLimitBeforeReadingIt() throws IOException {
        Path plist = Files.writeString(dir.resolve("app.plist"), "<plist>" + " ".repeat(4 * 1024 * 1024) + "</plist>");

        assertThatThrownBy(() -> ConfigKeys.read(plist, "Label")).isInstanceOf(IllegalStateException.class)
                .hasMessage("has 4194319 bytes; a file may have at most 4194304 (4 MiB)");
    }
}
