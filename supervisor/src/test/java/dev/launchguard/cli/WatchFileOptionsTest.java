package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.config.WatchersConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchFileOptionsTest {

    @TempDir
    Path dir;

    private Path config(String watchers) throws Exception {
        Path plists = Files.createDirectories(dir.resolve("plists"));
        return Files.writeString(dir.resolve("launchguard.yaml"), """
                plists: %s
                stateDir: %s
                jobs:
                  - label: dev.example.web
                    liveness:
                      http: http://127.0.0.1:8080/
                %s""".formatted(plists, dir.resolve("state"), watchers));
    }

    @Test
    void withoutFileTheConfiguredDriftAndUptimeFilesAreUsed() throws Exception {
        WatchFileOptions options = new WatchFileOptions();
        options.config = config("""
                watchers:
                  drift: { file: checks/drift.yaml, interval: 10m }
                  uptime: { file: /etc/launchguard/uptime.yaml, interval: 5m }
                """);

        assertThat(options.resolve("drift", dir.resolve("state"), WatchersConfig::drift))
                .isEqualTo(dir.resolve("checks/drift.yaml"));
        assertThat(options.resolve("uptime", dir.resolve("state"), WatchersConfig::uptime))
                .isEqualTo(Path.of("/etc/launchguard/uptime.yaml"));
    }

    @Test
    void theInstalledConfigurationInTheStateFolderIsFoundWithoutConfig() throws Exception {
        Path installed = Files.createDirectories(dir.resolve("state/fleet"));
        Files.move(config("watchers:\n  drift: { file: drift.yaml, interval: 10m }\n"),
                installed.resolve("launchguard.yaml"));

        assertThat(new WatchFileOptions().resolve("drift", dir.resolve("state"), WatchersConfig::drift))
                .isEqualTo(installed.resolve("drift.yaml"));
    }

    @Test
    void fileWinsOverTheConfiguration() throws Exception {
        WatchFileOptions options = new WatchFileOptions();
        options.config = config("watchers:\n  drift: { file: drift.yaml, interval: 10m }\n");
        options.file = Path.of("mine.yaml");

        assertThat(options.resolve("drift", dir, WatchersConfig::drift)).isEqualTo(Path.of("mine.yaml"));
    }

    @Test
    void aConfigurationNamingNoSuchWatcherOrNoConfigurationAtAllIsAClearError() throws Exception {
        WatchFileOptions options = new WatchFileOptions();
        options.config = config("");
        assertThatThrownBy(() -> options.resolve("uptime", dir, WatchersConfig::uptime))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(options.config + " names no watchers.uptime.file; give --file FILE or add "
                        + "'watchers: { uptime: { file: uptime.yaml } }' to it");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> new WatchFileOptions().resolve("nosuchkind", empty, WatchersConfig::drift))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no nosuchkind file: give --file FILE, or name one as watchers.nosuchkind.file in "
                        + "launchguard.yaml (looked for ./launchguard.yaml, " + empty.resolve("fleet/launchguard.yaml")
                        + " and ./nosuchkind.yaml)");
    }
}
