package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * launchguard's {@code /metrics}, scraped over HTTP from a running instance whose job has
 * restarted, checked by the real Prometheus tools (Debian's {@code prometheus} package, which
 * {@code .ci/run} installs): {@code promtool check metrics} finds nothing to complain about, and a
 * Prometheus server scraping every second stores the series.
 */
class MetricsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Fleet fleet;
    private Process prometheus;
    private final String web = Fleet.label("web");

    @BeforeEach
    void startRestartedJob() throws Exception {
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
        Fleet.signal(fleet.view(web).pid().orElseThrow(), "KILL");
        await().atMost(Duration.ofSeconds(60)).until(() -> fleet.view(web).respawns().size() == 1
                && fleet.view(web).state() == HealthState.READY);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null && prometheus.isAlive()) {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor();
            }
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void scrapeOfARestartedJobPassesPromtoolCheckMetrics() throws Exception {
        Path promtool = binary("promtool");
        HttpResponse<String> scrape = Fleet.get(metricsUrl());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("launchguard_restarts_total{job=\"" + web + "\",reason=\"crash\"} 1")
                .contains("launchguard_respawn_duration_seconds_bucket{job=\"" + web + "\",le=\"15.0\"} 1")
                .contains("launchguard_job_up{job=\"" + web + "\"} 1");
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
    void prometheusServerScrapingLaunchguardStoresTheJobUpSeries() throws Exception {
        Path server = binary("prometheus");
        int port = Fleet.freePort();
        String target = fleet.launchguard.url().getAuthority();
        // honor_labels: launchguard's own `job` tag names the supervised job; without it Prometheus
        // renames it to exported_job in favour of the scrape job's name.
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                scrape_configs:
                  - job_name: launchguard
                    honor_labels: true
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        prometheus = new ProcessBuilder(server.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + port + "/api/v1/query?query=";

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(series(api, "launchguard_job_up")).anySatisfy(s -> {
                    assertThat(s.path("metric").path("job").asText()).isEqualTo(web);
                    assertThat(s.path("value").get(1).asText()).isEqualTo("1");
                }));
        assertThat(series(api, "launchguard_restarts_total{reason=\"crash\"}")).singleElement().satisfies(s -> {
            assertThat(s.path("metric").path("job").asText()).isEqualTo(web);
            assertThat(s.path("value").get(1).asText()).isEqualTo("1");
        });
        assertThat(series(api, "up{job=\"" + web + "\"}")).as("the scrape itself is healthy").isEmpty();

        prometheus.destroy();
        assertThat(prometheus.waitFor(30, TimeUnit.SECONDS)).as("prometheus stops on SIGTERM").isTrue();
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

    /** The tool from PATH; skipped, saying so, only where the prometheus package is not installed. */
    private static Path binary(String name) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), name + " is not installed (Debian package 'prometheus'; .ci/run "
                + "installs it): skipping the check against the real Prometheus tools");
        return found.get();
    }
}
