package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * launchguard's alerts through Debian's real Alertmanager ({@code prometheus-alertmanager}, which
 * {@code .ci/run} installs) to a webhook receiver on 127.0.0.1: a quarantine the alertmanager sink
 * of a real launchguard sends, and the same quarantine seen by a real Prometheus rule over
 * launchguard's metrics. Each arrives firing and, once the job is fixed and reset, resolved.
 */
class AlertmanagerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Scrape, rule evaluation, Alertmanager's group wait and interval: seconds each, with room for a busy CI host. */
    private static final Duration ARRIVES = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private HttpServer receiver;
    /** Every alert of every notification, with the notification's receiver name dropped. */
    private final List<JsonNode> notified = new CopyOnWriteArrayList<>();
    private Process alertmanager;
    private Process prometheus;
    private int alertmanagerPort;
    private Fleet fleet;
    private final String looping = Fleet.label("fixable");
    private Path broken;

    @BeforeEach
    void startAlertmanager() throws Exception {
        Path binary = DebianTools.binary("prometheus-alertmanager", "prometheus-alertmanager");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            JSON.readTree(exchange.getRequestBody().readAllBytes()).path("alerts").forEach(notified::add);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        alertmanagerPort = Fleet.freePort();
        // Every alert its own group ('...'), notified as soon as it arrives and at each change.
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: hook
                  group_by: ['...']
                  group_wait: 100ms
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hook
                        send_resolved: true
                """.formatted(receiver.getAddress().getPort()));
        alertmanager = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("alertmanager")),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> Fleet.get("http://127.0.0.1:" + alertmanagerPort + "/-/ready").statusCode() == 200);
    }

    @AfterEach
    void stop() throws InterruptedException {
        DebianTools.stop(prometheus);
        DebianTools.stop(alertmanager);
        if (fleet != null) {
            fleet.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /**
     * A job that exits 1 while the file {@code broken} exists and serves HTTP once it is gone,
     * quarantined after 3 restarts; {@code top} is added to launchguard.yaml.
     */
    private void startFixableCrashLoop(String top) throws IOException {
        int port = Fleet.freePort();
        broken = Files.writeString(dir.resolve("broken"), "remove me to fix the job");
        fleet = new Fleet(dir);
        LaunchdJob job = LaunchdJob.of(looping, List.of("/bin/sh", "-c", "if [ -e \"$1\" ]; then exit 1; fi; "
                        + "exec /usr/bin/python3 -m http.server \"$2\" --bind 127.0.0.1", "job", broken.toString(),
                        String.valueOf(port)))
                .withWorkingDirectory(dir).withEnvironmentVariables(Fleet.NO_TELEMETRY)
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(Duration.ofSeconds(1));
        fleet.add(job, "    liveness: http://127.0.0.1:" + port + "/\n"
                + "    storm: { maxRestarts: 3, window: 5m, backoff: 10m }\n");
        fleet.top(top);
        fleet.start();
        await().atMost(ARRIVES).until(() -> fleet.view(looping).state() == HealthState.QUARANTINED);
    }

    /** Removes the cause, resets the job out of quarantine and waits until it is READY. */
    private void fixAndReset() throws Exception {
        Files.delete(broken);
        fleet.launchguard.supervisor().reset(looping).get(30, TimeUnit.SECONDS);
        await().atMost(ARRIVES).until(() -> fleet.view(looping).state() == HealthState.READY);
    }

    private List<JsonNode> notified(String alertname, String status) {
        return notified.stream().filter(a -> a.path("labels").path("alertname").asText().equals(alertname)
                && a.path("status").asText().equals(status)).toList();
    }

    @Test
    void aQuarantineFromTheAlertmanagerSinkArrivesFiringWithItsLabelsAndResolvesAfterAReset() throws Exception {
        startFixableCrashLoop("""
                watchers:
                  alerts:
                    alertmanager:
                      urls: ['http://127.0.0.1:%d']
                      repeat: 1s
                      instance: it-host
                      labels: { env: it }""".formatted(alertmanagerPort));

        await().atMost(ARRIVES).until(() -> !notified("LaunchguardQuarantined", "firing").isEmpty());
        JsonNode firing = notified("LaunchguardQuarantined", "firing").get(0);
        assertThat(firing.path("labels").path("label").asText()).isEqualTo(looping);
        assertThat(firing.path("labels").path("check").asText()).isEqualTo("quarantine " + looping);
        assertThat(firing.path("labels").path("watcher").asText()).isEqualTo("supervisor");
        assertThat(firing.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(firing.path("labels").path("instance").asText()).isEqualTo("it-host");
        assertThat(firing.path("labels").path("env").asText()).isEqualTo("it");
        assertThat(firing.path("labels").has("job")).isFalse();
        assertThat(firing.path("annotations").path("description").asText()).contains("job '" + looping + "' quarantined");
        assertThat(firing.path("annotations").path("runbook_url").asText()).startsWith("docs/operations.md#");
        // Alertmanager holds it active with the end launchguard gave it, four repeats ahead, and moves
        // that end on as the repeats arrive.
        String active = "http://127.0.0.1:" + alertmanagerPort + "/api/v2/alerts?filter=alertname%3D%22LaunchguardQuarantined%22";
        Instant firstEnd = endsAt(active);
        assertThat(firstEnd).isAfter(Instant.now());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> endsAt(active).isAfter(firstEnd));

        fixAndReset();

        await().atMost(ARRIVES).until(() -> !notified("LaunchguardQuarantined", "resolved").isEmpty());
        JsonNode resolved = notified("LaunchguardQuarantined", "resolved").get(0);
        assertThat(resolved.path("labels")).isEqualTo(firing.path("labels"));
        assertThat(resolved.path("startsAt")).isEqualTo(firing.path("startsAt"));
        assertThat(Instant.parse(resolved.path("endsAt").asText())).isBefore(Instant.now());
        assertThat(notified("LaunchguardQuarantined", "firing")).as("one incident, notified once while it fired")
                .hasSize(1);
    }

    @Test
    void aPrometheusRuleOnLaunchguardQuarantinedArrivesFiringThroughTheSameAlertmanagerAndResolves() throws Exception {
        Path server = DebianTools.binary("prometheus", "prometheus");
        startFixableCrashLoop("");
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: launchguard-it
                    interval: 1s
                    rules:
                      - alert: LaunchguardJobQuarantinedRule
                        expr: launchguard_quarantined == 1
                        for: 0s
                        labels: { severity: critical }
                        annotations: { summary: 'a job is quarantined' }
                """);
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                  evaluation_interval: 1s
                rule_files: ['%s']
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                  - job_name: launchguard
                    static_configs:
                      - targets: ['%s']
                """.formatted(dir.resolve("rules.yml"), alertmanagerPort, fleet.launchguard.url().getAuthority()));
        prometheus = new ProcessBuilder(server.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + Fleet.freePort())
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();

        await().atMost(Duration.ofSeconds(90)).until(() -> !notified("LaunchguardJobQuarantinedRule", "firing").isEmpty());
        JsonNode labels = notified("LaunchguardJobQuarantinedRule", "firing").get(0).path("labels");
        assertThat(labels.path("label").asText()).isEqualTo(looping);
        assertThat(labels.has("exported_job")).as("no tag of launchguard's clashes with Prometheus's").isFalse();
        assertThat(labels.path("job").asText()).as("Prometheus's scrape job").isEqualTo("launchguard");
        assertThat(labels.path("severity").asText()).isEqualTo("critical");

        fixAndReset();

        await().atMost(ARRIVES).until(() -> !notified("LaunchguardJobQuarantinedRule", "resolved").isEmpty());
        assertThat(notified("LaunchguardJobQuarantinedRule", "resolved").get(0).path("labels")).isEqualTo(labels);
    }

    /** The end Alertmanager holds for the one alert {@code url} lists. */
    private static Instant endsAt(String url) throws Exception {
        JsonNode alerts = JSON.readTree(Fleet.get(url).body());
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.path("status").path("state").asText())
                .isEqualTo("active"));
        return Instant.parse(alerts.get(0).path("endsAt").asText());
    }
}
