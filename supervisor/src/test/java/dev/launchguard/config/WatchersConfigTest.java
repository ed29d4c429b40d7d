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

    @Test
    void readsAnAlertmanagerWithItsEndpointsLabelsAndHeadersFromAFile() throws IOException {
        Path headers = Files.writeString(dir.resolve("am.headers"), "Authorization: Bearer s3cret\n");
        Files.setPosixFilePermissions(headers, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        WatchersConfig.Alertmanager am = load("""
                watchers:
                  alerts:
                    alertmanager:
                      urls: ['http://127.0.0.1:9093', 'https://am2.example:9093/alertmanager/', 'http://am3:9093/api/v2/alerts']
                      repeat: 30s
                      instance: mac-studio
                      labels: { team: ml, env: prod }
                      headersFile: am.headers
                      runbook: https://example.com/ops.md
                      attempts: 2
                """).watchers().alerts().alertmanager().orElseThrow();

        assertThat(am.targets()).extracting(WatchersConfig.Webhook::url).containsExactly(
                URI.create("http://127.0.0.1:9093/api/v2/alerts"),
                URI.create("https://am2.example:9093/alertmanager/api/v2/alerts"),
                URI.create("http://am3:9093/api/v2/alerts"));
        assertThat(am.targets()).allSatisfy(t -> {
            assertThat(t.attempts()).isEqualTo(2);
            assertThat(t.backoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(5));
        });
        assertThat(am.repeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(am.instance()).contains("mac-studio");
        assertThat(am.labels()).isEqualTo(java.util.Map.of("team", "ml", "env", "prod"));
        assertThat(am.headers().headers()).isEqualTo(java.util.Map.of("Authorization", "Bearer s3cret"));
        assertThat(am.toString()).doesNotContain("s3cret");
        assertThat(am.runbook()).isEqualTo("https://example.com/ops.md");
    }

    @Test
    void anAlertmanagerWithOnlyItsUrlTakesTheDefaults() throws IOException {
        WatchersConfig.Alertmanager am = load("watchers:\n  alerts:\n    alertmanager: { urls: ['http://127.0.0.1:9093'] }\n")
                .watchers().alerts().alertmanager().orElseThrow();

        assertThat(am.repeat()).isEqualTo(Duration.ofMinutes(1));
        assertThat(am.instance()).isEmpty();
        assertThat(am.labels()).isEmpty();
        assertThat(am.headers().source()).isEmpty();
        assertThat(am.runbook()).isEqualTo("docs/operations.md");
        assertThat(am.targets()).singleElement().isEqualTo(new WatchersConfig.Webhook(
                URI.create("http://127.0.0.1:9093/api/v2/alerts"), 5, Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "{ repeat: 1m }|urls: is missing; list each Alertmanager's URL (['http://127.0.0.1:9093']), both of an HA pair",
        "{ urls: 'http://127.0.0.1:9093' }|urls: 'http://127.0.0.1:9093' must be a non-empty list of strings",
        "{ urls: ['http://127.0.0.1:9093', 'ftp://am:21'] }|urls[1]: 'ftp://am:21' must be an http:// or https:// URL "
                + "with a host",
        "{ urls: ['http://127.0.0.1:9093'], repeat: 500ms }|repeat: 500ms is too short; firing alerts are sent again at "
                + "most every 1s",
        "{ urls: ['http://127.0.0.1:9093'], labels: { team-name: ml } }|labels.team-name: 'team-name' is not a label "
                + "name; use letters, digits and '_', not starting with a digit or '__'",
        "{ urls: ['http://127.0.0.1:9093'], labels: { severity: page } }|labels.severity: 'severity' is set by "
                + "launchguard on every alert; the static labels are added to alertname, check, instance, label, "
                + "severity, watcher",
        "{ urls: ['http://127.0.0.1:9093'], labels: { team: [a, b] } }|labels.team: a list must be a non-empty string",
        "{ urls: ['http://127.0.0.1:9093'], token: x }|token: unknown key; allowed: attempts, backoff, headersFile, "
                + "instance, labels, repeat, runbook, timeout, urls",
        "{ urls: ['http://127.0.0.1:9093'], attempts: 0 }|attempts: 0 must be a whole number from 1 to 20"
    })
    void refusesABadAlertmanagerNamingTheKeyAndValue(String block, String error) {
        assertThatThrownBy(() -> load("watchers:\n  alerts:\n    alertmanager: " + block + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.alerts.alertmanager." + error);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Authorization: Bearer s3cret|rw-r--r--|'{file}' can be read by others; it holds secrets, so chmod 600 it",
        "Upgrade: h2c|rw-------|'{file}': header 'Upgrade' cannot be sent to Alertmanager"
    })
    void refusesAnAlertmanagerHeadersFileOthersCanReadOrThatTheHttpClientCannotSend(String line, String mode,
            String error) throws IOException {
        Path headers = Files.writeString(dir.resolve("am.headers"), line + "\n");
        Files.setPosixFilePermissions(headers, java.nio.file.attribute.PosixFilePermissions.fromString(mode));

        assertThatThrownBy(() -> load("watchers:\n  alerts:\n    alertmanager: { urls: ['http://127.0.0.1:9093'], "
                + "headersFile: am.headers }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file() + ": watchers.alerts.alertmanager.headersFile: " + error.replace("{file}",
                        headers.toString()));
    }
}
