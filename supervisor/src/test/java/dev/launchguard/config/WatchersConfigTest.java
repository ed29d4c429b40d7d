package dev.launchguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchersConfigTest {

    private static final String JOBS = """
            jobs:
              - label: com.example.web
                liveness: http://127.0.0.1:8080/
            """;

    @TempDir
    Path dir;

    private LaunchguardConfig load(String watchers) throws IOException {
        Path file = dir.resolve("launchguard.yaml");
        Files.writeString(file, JOBS + watchers);
        return new ConfigLoader(Path.of("/home/op")).load(file);
    }

    private String file() {
        return dir.resolve("launchguard.yaml").toString();
    }

    @Test
    void withoutAWatchersBlockOnlyStraysAreLookedForAndAlertsGoToTheLog() throws IOException {
        WatchersConfig w = load("").watchers();

        assertThat(w.drift()).isEmpty();
        assertThat(w.uptime()).isEmpty();
        assertThat(w.strays()).isEqualTo(new WatchersConfig.Strays(Duration.ofMinutes(1), false));
        assertThat(w.alerts()).isEqualTo(new WatchersConfig.Alerts(3, 2, Optional.empty(), Optional.empty()));
    }

    @Test
    void readsEveryKeyWithFilesAgainstTheConfigFolderAndHome() throws IOException {
        WatchersConfig w = load("""
                watchers:
                  drift: { file: drift.yaml, interval: 5m }
                  uptime: { file: ~/uptime.yaml }
                  strays: { interval: 30s, reap: true }
                  alerts:
                    failures: 4
                    successes: 1
                    webhook: { url: 'http://127.0.0.1:8080/hook', attempts: 3, backoff: 200ms, timeout: 2s }
                    command: [/usr/bin/curl, -d, '{summary}', 'https://ntfy.sh/lg']
                    commandTimeout: 3s
                """).watchers();

        assertThat(w.drift()).contains(new WatchersConfig.Schedule(dir.resolve("drift.yaml"), Duration.ofMinutes(5)));
        assertThat(w.uptime()).contains(new WatchersConfig.Schedule(Path.of("/home/op/uptime.yaml"), Duration.ofMinutes(10)));
        assertThat(w.strays()).isEqualTo(new WatchersConfig.Strays(Duration.ofSeconds(30), true));
        assertThat(w.alerts()).isEqualTo(new WatchersConfig.Alerts(4, 1,
                Optional.of(new WatchersConfig.Webhook(URI.create("http://127.0.0.1:8080/hook"), 3, Duration.ofMillis(200),
                        Duration.ofSeconds(2))),
                Optional.of(new WatchersConfig.Command(List.of("/usr/bin/curl", "-d", "{summary}", "https://ntfy.sh/lg"),
                        Duration.ofSeconds(3)))));
    }

    @Test
    void refusesAWatcherWithoutItsFile() {
        assertThatThrownBy(() -> load("watchers:\n  drift: { interval: 5m }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.drift.file: is missing; name the drift file (drift.yaml, read against "
                        + "this file's folder)");
    }

    @Test
    void refusesAnIntervalBelowTheFloor() {
        assertThatThrownBy(() -> load("watchers:\n  strays: { interval: 50ms }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.strays.interval: 50ms is too short; a watcher runs at most every 100ms");
    }

    @Test
    void refusesAnUnknownKeyWithASuggestion() {
        assertThatThrownBy(() -> load("watchers:\n  uptim: { file: u.yaml }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.uptim: unknown key; allowed: alerts, drift, strays, uptime; "
                        + "did you mean 'uptime'?");
    }

    @Test
    void refusesAWebhookThatIsNotHttp() {
        assertThatThrownBy(() -> load("watchers:\n  alerts:\n    webhook: { url: 'ftp://example.com/x' }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.alerts.webhook.url: 'ftp://example.com/x' must be an http:// or "
                        + "https:// URL with a host");
    }

    @Test
    void refusesACommandGivenAsOneLine() {
        assertThatThrownBy(() -> load("watchers:\n  alerts:\n    command: 'curl -d hi https://ntfy.sh/lg'\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.alerts.command: 'curl -d hi https://ntfy.sh/lg' must be a non-empty "
                        + "list of strings");
    }

    @Test
    void refusesAZeroFailureThreshold() {
        assertThatThrownBy(() -> load("watchers:\n  alerts: { failures: 0 }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.alerts.failures: 0 must be a whole number from 1 to 1000");
    }

    @Test
    void refusesACommandTimeoutWithoutACommand() {
        assertThatThrownBy(() -> load("watchers:\n  alerts: { commandTimeout: 5s }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.alerts.commandTimeout: is set but no 'command' is; give the command "
                        + "as an argument array");
    }
}
