package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.launchguard.health.HealthState;
import dev.launchguard.monitoring.Mixin;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring mixin against the real thing: Debian's Prometheus, with the mixin's generated
 * rules loaded, scrapes a real launchguard through a chaos run (one job killed with SIGKILL, another
 * wedged with SIGSTOP and restarted by launchguard), and every recording rule, every dashboard
 * query (template variables filled in as Grafana would) and every dashboard variable answers with
 * data, without error, through Prometheus's HTTP API. The uptime watcher also asks an HTTPS server
 * here whose certificate (made by keytool for this run) expires in 10 days: the JDK does not trust
 * it, so the target is down, but its expiry is read from the chain all the same, so the TLS panel
 * has data and the 14-day alert goes pending.
 */
class MonitoringIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Fleet fleet;
    private Process prometheus;
    private HttpsServer https;
    private final String web = Fleet.label("web");
    private final String api = Fleet.label("api");

    @AfterEach
    void stop() throws InterruptedException {
        if (https != null) {
            https.stop(0);
        }
        DebianTools.stop(prometheus);
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void everyRecordingRuleAndDashboardQueryAnswersAfterAKillAndAWedge() throws Exception {
        Path server = Mixin.tool("prometheus", "prometheus");
        int webPort = Fleet.freePort();
        int apiPort = Fleet.freePort();
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok");
        fleet = new Fleet(dir);
        fleet.add(pythonServer(web, webPort, www), probes(webPort));
        fleet.add(pythonServer(api, apiPort, www), probes(apiPort));
        fleet.top("watchers:\n"
                + "  drift: { file: " + Files.writeString(dir.resolve("drift.yaml"), "checks:\n"
                        + "  - name: site index\n    file: " + www.resolve("index.html") + "\n"
                        + "  - name: web port\n    port: " + webPort + "\n") + ", interval: 1s }\n"
                + "  uptime: { file: " + Files.writeString(dir.resolve("uptime.yaml"), "targets:\n"
                        + "  - name: web-site\n    url: http://127.0.0.1:" + webPort + "/\n"
                        + "  - name: tls-site\n    url: https://127.0.0.1:" + startHttps() + "/\n") + ", interval: 1s }\n"
                + "  strays: { interval: 1s }");
        fleet.start();
        await().atMost(START).until(() -> fleet.view(web).state() == HealthState.READY
                && fleet.view(api).state() == HealthState.READY);
        String instance = fleet.launchguard.url().getAuthority();
        String query = startPrometheus(server, instance);
        // Prometheus has scraped the jobs before anything happened to them: their counters at 0.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            for (String label : List.of(web, api)) {
                assertThat(value(query, "sum(launchguard_restarts_total{label=\"" + label + "\"})")).isZero();
            }
        });

        // The chaos run: a real SIGKILL of web, and a real wedge of api (stopped, so it neither
        // answers nor uses CPU) that launchguard judges and restarts.
        Fleet.signal(fleet.view(web).pid().orElseThrow(), "KILL");
        await().atMost(START).until(() -> fleet.view(web).respawns().size() == 1
                && fleet.view(web).state() == HealthState.READY);
        long wedged = fleet.view(api).pid().orElseThrow();
        Fleet.signal(wedged, "STOP");
        await().atMost(START).until(() -> fleet.view(api).respawns().size() == 1
                && fleet.view(api).state() == HealthState.READY);

        // The first restart of each job counts (the series were there at 0 before it).
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
            assertThat(value(query, "instance_label_reason:launchguard_restarts:increase1h{label=\"" + web
                    + "\", reason=\"crash\"}")).as("web's crash within the hour").isPositive();
            assertThat(value(query, "instance_label:launchguard_wedges:increase1h{label=\"" + api + "\"}"))
                    .as("api's wedge within the hour").isPositive();
        });

        List<String> queries = new ArrayList<>();
        Mixin.recordingRuleNames().forEach(queries::add);
        for (Path dashboard : Mixin.dashboards()) {
            for (String label : List.of(web, api)) {
                Mixin.exprs(Mixin.json(dashboard)).forEach(e -> queries.add(Mixin.substitute(e, instance, label)));
            }
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<String> empty = new ArrayList<>();
            for (String q : queries) {
                if (answer(query, q).isEmpty()) {
                    empty.add(q);
                }
            }
            assertThat(empty).as("queries that answered no data").isEmpty();
        });
        assertThat(answer(query, "ALERTS{alertname=\"LaunchguardTLSCertExpiringSoon\", target=\"tls-site\"}"))
                .as("the 10-day certificate's alert is pending or firing").isNotEmpty();
        assertVariablesAnswer(query.replace("/api/v1/query?query=", ""), instance);
        assertRulesHealthy(query.replace("/api/v1/query?query=", ""));
    }

    /** An HTTPS server on loopback with a self-signed certificate valid for 10 days; returns its port. */
    private int startHttps() throws Exception {
        Path store = dir.resolve("tls.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "site", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "10", "-keystore",
                store.toString(), "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("keytool: %s", out).isTrue();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        https.start();
        return https.getAddress().getPort();
    }

    private LaunchdJob pythonServer(String label, int port, Path www) {
        return LaunchdJob.of(label, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port),
                        "--bind", "127.0.0.1", "--directory", www.toString()))
                .withEnvironmentVariables(Fleet.NO_TELEMETRY)
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(Duration.ofSeconds(1))
                .withExitTimeOut(Duration.ofSeconds(2));
    }

    private static String probes(int port) {
        String url = "http://127.0.0.1:" + port + "/";
        return "    liveness:\n      http: " + url + "\n      interval: 500ms\n      timeout: 400ms\n      failureThreshold: 3\n"
                + "    readiness: " + url + "\n";
    }

    /** Starts Prometheus with the mixin's rules, scraping launchguard every second; returns its query URL prefix. */
    private String startPrometheus(Path server, String target) throws IOException {
        int port = Fleet.freePort();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                  evaluation_interval: 1s
                rule_files:
                  - %s
                  - %s
                scrape_configs:
                  - job_name: launchguard
                    static_configs:
                      - targets: ['%s']
                """.formatted(Mixin.monitoring().resolve("prometheus_rules.yaml"),
                Mixin.monitoring().resolve("prometheus_alerts.yaml"), target));
        prometheus = new ProcessBuilder(server.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return "http://127.0.0.1:" + port + "/api/v1/query?query=";
    }

    /** Each dashboard's label_values(...) variable lists the instance and the labels of this run. */
    private void assertVariablesAnswer(String base, String instance) throws IOException, InterruptedException {
        for (Path dashboard : Mixin.dashboards()) {
            for (JsonNode v : Mixin.json(dashboard).path("templating").path("list")) {
                String q = v.path("query").path("query").asText("");
                if (!q.startsWith("label_values(")) {
                    continue;
                }
                String selector = Mixin.substitute(q.substring("label_values(".length(), q.lastIndexOf(',')), instance, web);
                String label = q.substring(q.lastIndexOf(',') + 1, q.lastIndexOf(')')).trim();
                JsonNode values = get(base + "/api/v1/label/" + label + "/values?match[]="
                        + URLEncoder.encode(selector, StandardCharsets.UTF_8)).path("data");
                List<String> found = new ArrayList<>();
                values.forEach(n -> found.add(n.asText()));
                assertThat(found).as("%s variable %s", dashboard.getFileName(), v.path("name").asText())
                        .contains(label.equals("instance") ? instance : web);
            }
        }
    }

    /** Prometheus evaluated every rule of the mixin without an error. */
    private static void assertRulesHealthy(String base) throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        int rules = 0;
        for (JsonNode group : get(base + "/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules++;
                if (!rule.path("health").asText().equals("ok")) {
                    problems.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " " + rule.path("lastError").asText());
                }
            }
        }
        assertThat(rules).as("rules Prometheus loaded").isEqualTo(Mixin.rules("prometheus_rules.yaml").size()
                + Mixin.rules("prometheus_alerts.yaml").size());
        assertThat(problems).as("rules Prometheus could not evaluate").isEmpty();
    }

    private static List<JsonNode> answer(String query, String q) throws IOException, InterruptedException {
        JsonNode body = get(query + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(body.path("status").asText()).as("query %s: %s", q, body).isEqualTo("success");
        List<JsonNode> result = new ArrayList<>();
        body.path("data").path("result").forEach(result::add);
        return result;
    }

    private static double value(String query, String q) throws IOException, InterruptedException {
        List<JsonNode> result = answer(query, q);
        assertThat(result).as("query %s", q).hasSize(1);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = Fleet.get(url);
        assertThat(r.statusCode()).as("%s: %s", url, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
