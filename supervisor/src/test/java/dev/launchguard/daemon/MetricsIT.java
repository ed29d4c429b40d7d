package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * launchguard's {@code /metrics}, scraped over HTTP from a running instance, checked by the real
 * Prometheus tools (Debian's {@code prometheus} package, which {@code .ci/run} installs): a job's
 * series exist at zero before its first event, {@code promtool check metrics} finds nothing to
 * complain about once it has restarted, and a Prometheus server scraping every second with a plain
 * scrape config (no {@code honor_labels}) sees the first crash in {@code increase()}.
 */
class MetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Fleet fleet;
    private Process prometheus;
    private final String web = Fleet.label("web");

    @BeforeEach
    void startReadyJob() throws Exception {
        int port = Fleet.freePort();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok");
        fleet = new Fleet(dir);
        LaunchdJob job = LaunchdJob.of(web, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port),
                        "--bind", "127.0.0.1", "--directory", www.toString()))
                .withEnvironmentVariables(Fleet.NO_TELEMETRY)
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(Duration.ofSeconds(1));
        fleet.add(job, "    liveness: http://127.0.0.1:" + port + "/\n");
        fleet.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> fleet.view(web).state() == HealthState.READY);
    }

    /** Kills the job's instance with SIGKILL and waits until its respawn is measured and it is READY again. */
    private void crashOnce() throws Exception {
        Fleet.signal(fleet.view(web).pid().orElseThrow(), "KILL");
        await().atMost(Duration.ofSeconds(60)).until(() -> fleet.view(web).respawns().size() == 1
                && fleet.view(web).state() == HealthState.READY);
    }

    @AfterEach
    void stop() throws InterruptedException {
        DebianTools.stop(prometheus);
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void seriesExistAtZeroBeforeTheFirstEventAndTheScrapePassesPromtoolCheckMetrics() throws Exception {
        Path promtool = DebianTools.binary("promtool", "prometheus");
        String tag = "label=\"" + web + "\"";
        HttpResponse<String> before = Fleet.get(metricsUrl());
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body())
                .contains("launchguard_restarts_total{" + tag + ",reason=\"crash\"} 0.0")
                .contains("launchguard_restarts_total{" + tag + ",reason=\"wedge\"} 0.0")
                .contains("launchguard_respawn_duration_seconds_bucket{" + tag + ",le=\"15.0\"} 0")
                .contains("launchguard_job_last_restart_time_seconds{" + tag + "} 0.0")
                .contains("launchguard_build_info{")
                .contains("launchguard_host_budget_remaining ")
                .doesNotContain("job=\"");
        assertThat(gauge(before.body(), "launchguard_job_start_time_seconds{" + tag + "}"))
                .as("the instance that ran, in Unix seconds").isGreaterThan(1.7e9);

        crashOnce();
        HttpResponse<String> scrape = Fleet.get(metricsUrl());
        assertThat(scrape.body())
                .contains("launchguard_restarts_total{" + tag + ",reason=\"crash\"} 1")
                .contains("launchguard_respawn_duration_seconds_bucket{" + tag + ",le=\"15.0\"} 1")
                .contains("launchguard_job_up{" + tag + "} 1");
        assertThat(gauge(scrape.body(), "launchguard_job_last_restart_time_seconds{" + tag + "}")).isGreaterThan(1.7e9);
        Path file = dir.resolve("scrape.txt");
        Files.writeString(file, scrape.body());

        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String problems = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(problems).as("promtool check metrics output").isBlank();
        assertThat(check.exitValue()).as("promtool check metrics exit code").isZero();
    }

    @Test
    void prometheusWithAPlainScrapeConfigSeesTheFirstCrashInIncrease() throws Exception {
        Path server = DebianTools.binary("prometheus", "prometheus");
        int port = Fleet.freePort();
        String target = fleet.launchguard.url().getAuthority();
        // A plain scrape config: the scrape job's name is `job`, the launchd Label is `label`.
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                scrape_configs:
                  - job_name: launchguard
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        prometheus = new ProcessBuilder(server.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + port + "/api/v1/query?query=";
        String crashes = "launchguard_restarts_total{reason=\"crash\"}";

        // The crash counter is stored at 0 before the first crash: that sample is what increase() needs.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(series(api, crashes)).singleElement().satisfies(s -> {
                    assertThat(s.path("metric").path("label").asText()).isEqualTo(web);
                    assertThat(s.path("metric").path("job").asText()).isEqualTo("launchguard");
                    assertThat(s.path("metric").has("exported_job")).isFalse();
                    assertThat(s.path("value").get(1).asText()).isEqualTo("0");
                }));
        assertThat(series(api, "up{job=\"launchguard\"}")).as("launchguard's own scrape is healthy").singleElement()
                .satisfies(s -> assertThat(s.path("value").get(1).asText()).isEqualTo("1"));

        crashOnce();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(series(api, "increase(" + crashes + "[5m])")).singleElement()
                        .satisfies(s -> {
                            assertThat(s.path("metric").path("label").asText()).isEqualTo(web);
                            assertThat(Double.parseDouble(s.path("value").get(1).asText()))
                                    .as("increase() over the job's first crash").isPositive();
                        }));
        assertThat(series(api, "launchguard_job_up{label=\"" + web + "\"}")).singleElement()
                .satisfies(s -> assertThat(s.path("value").get(1).asText()).isEqualTo("1"));

        prometheus.destroy();
        assertThat(prometheus.waitFor(30, TimeUnit.SECONDS)).as("prometheus stops on SIGTERM").isTrue();
    }

    /** The value of the one sample of {@code series} (name and tags as scraped) in a scrape. */
    private static double gauge(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " not in the scrape"));
    }

    private String metricsUrl() {
        return fleet.launchguard.url().resolve("/metrics").toString();
    }

    private static List<JsonNode> series(String api, String query) throws IOException, InterruptedException {
        HttpResponse<String> r = Fleet.get(api + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as("query %s: %s", query, r.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(r.body()).path("data").path("result");
        return Stream.iterate(0, i -> i < result.size(), i -> i + 1).map(result::get).toList();
    }
}
