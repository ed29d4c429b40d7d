package dev.launchguard.bench.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.health.HealthState;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What monitoring launchguard costs with {@code jobs} jobs: the size of a scrape (bytes, samples,
 * samples per job), the server time of {@code GET /metrics} measured by a client here, and then, with
 * Debian's real Prometheus scraping launchguard and itself every 5 s and evaluating the mixin's
 * recording and alerting rules ({@code monitoring/prometheus_*.yaml}) every 5 s, the scrape duration
 * as Prometheus records it for both targets (Prometheus's own {@code /metrics} is the comparison:
 * a Go exporter on the same machine in the same run) and each rule group's evaluation time.
 *
 * <p>Jobs are {@code /bin/sleep} with an HTTP liveness probe (default policy) against one loopback
 * server in a separate JVM, as in {@code MetricsScrapeBenchmark}, so every per-job series of a
 * working fleet exists while the jobs cost nothing. Usage: {@code MonitoringBench JOBS SECONDS MIXIN_DIR}.
 */
public final class MonitoringBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int WARMUP = 20;
    private static final int SCRAPES = 200;

    private MonitoringBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        Path mixin = Path.of(args.length > 2 ? args[2] : "monitoring").toAbsolutePath();
        Path prometheusBinary = onPath("prometheus");
        Path rules = mixin.resolve("prometheus_rules.yaml");
        Path alerts = mixin.resolve("prometheus_alerts.yaml");
        for (Path p : List.of(rules, alerts)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("mixin file '" + p + "' not found (give the monitoring/ folder)");
            }
        }
        LoopbackServers.Spawned target = LoopbackServers.spawn(1, 1);
        BenchFleet fleet = new BenchFleet("bench-monitoring");
        Process prometheus = null;
        Launchguard lg = null;
        try {
            int port = target.ports().get(0);
            for (int i = 0; i < jobs; i++) {
                fleet.add(BenchFleet.sleeper(label(i)), "    liveness: http://127.0.0.1:" + port + "/job/" + i + "\n");
            }
            lg = fleet.start();
            for (int i = 0; i < jobs; i++) {
                BenchFleet.awaitState(lg, label(i), HealthState.READY, Duration.ofMinutes(1));
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
            URI metrics = URI.create(lg.url().resolve("/metrics").toString());
            String body = "";
            for (int i = 0; i < WARMUP; i++) {
                body = get(client, metrics);
            }
            List<Duration> times = new ArrayList<>();
            for (int i = 0; i < SCRAPES; i++) {
                long t0 = System.nanoTime();
                body = get(client, metrics);
                times.add(Duration.ofNanos(System.nanoTime() - t0));
            }
            List<String> samples = body.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            long perJob = samples.stream().filter(l -> l.contains("label=\"" + label(0) + "\"")).count();
            long launchguardSamples = samples.stream().filter(l -> l.startsWith("launchguard_")).count();
            System.out.printf(Locale.ROOT, "## scrape of launchguard with %d jobs%n%n", jobs);
            System.out.printf(Locale.ROOT, "bytes %d, samples %d (launchguard_* %d, per job %d), metric families %d%n%n",
                    body.getBytes(StandardCharsets.UTF_8).length, samples.size(), launchguardSamples, perJob,
                    body.lines().filter(l -> l.startsWith("# TYPE ")).count());
            System.out.println(Spread.header());
            System.out.println(Spread.of("GET /metrics (client here, keep-alive)", times).row());

            Path dir = fleet.dir;
            int promPort = BenchFleet.freePort();
            Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 5s
                      scrape_timeout: 4s
                      evaluation_interval: 5s
                    rule_files: ['%s', '%s']
                    scrape_configs:
                      - job_name: launchguard
                        static_configs: [{targets: ['%s']}]
                      - job_name: prometheus
                        static_configs: [{targets: ['127.0.0.1:%d']}]
                    """.formatted(rules, alerts, lg.url().getAuthority(), promPort));
            prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                    "--web.listen-address=127.0.0.1:" + promPort)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            String api = "http://127.0.0.1:" + promPort + "/api/v1/";
            awaitReady(client, api);
            long start = System.currentTimeMillis() / 1000;
            BenchFleet.sleep(Duration.ofSeconds(seconds));
            long end = System.currentTimeMillis() / 1000;
            System.out.printf(Locale.ROOT, "%n## Prometheus %s, %d s, scrape and evaluation every 5 s%n%n",
                    version(prometheusBinary), end - start);
            System.out.println(Spread.header());
            Map<String, List<Duration>> scrapes = range(client, api, "scrape_duration_seconds", "job", start, end);
            for (var e : scrapes.entrySet()) {
                System.out.println(Spread.of("scrape_duration_seconds{job=\"" + e.getKey() + "\"}", e.getValue()).row());
            }
            Map<String, List<Duration>> groups = range(client, api, "prometheus_rule_group_last_duration_seconds",
                    "rule_group", start, end);
            for (var e : groups.entrySet()) {
                String group = e.getKey().substring(e.getKey().lastIndexOf(';') + 1);
                System.out.println(Spread.of("rule group " + group + " evaluation", e.getValue()).row());
            }
            System.out.println();
            for (String job : List.of("launchguard", "prometheus")) {
                System.out.printf(Locale.ROOT, "scrape_samples_scraped{job=\"%s\"} = %s%n", job,
                        instant(client, api, "scrape_samples_scraped{job=\"" + job + "\"}"));
            }
            System.out.printf(Locale.ROOT, "rules loaded = %s%n", instant(client, api, "sum(prometheus_rule_group_rules)"));
            System.out.printf(Locale.ROOT, "rule evaluation failures = %s%n",
                    instant(client, api, "sum(prometheus_rule_evaluation_failures_total)"));
            if (scrapes.containsKey("launchguard") && scrapes.containsKey("prometheus")) {
                double ratio = median(scrapes.get("launchguard")) / median(scrapes.get("prometheus"));
                System.out.printf(Locale.ROOT, "median scrape duration launchguard / prometheus = %.2f%n", ratio);
            }
        } finally {
            if (prometheus != null) {
                BenchFleet.stop(prometheus);
            }
            target.close();
            if (lg != null) {
                lg.close();
            }
            fleet.delete();
        }
    }

    private static String label(int i) {
        return String.format(Locale.ROOT, "bench.monitoring.job%02d", i);
    }

    private static String get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void awaitReady(HttpClient client, String api) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (!instant(client, api, "up{job=\"launchguard\"} == 1").equals("none")) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            BenchFleet.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Prometheus did not scrape launchguard within 60 s");
    }

    /** The first value of an instant query, or {@code none}. */
    private static String instant(HttpClient client, String api, String query) throws IOException, InterruptedException {
        JsonNode result = JSON.readTree(get(client, URI.create(api + "query?query=" + enc(query)))).path("data").path("result");
        return result.isEmpty() ? "none" : result.get(0).path("value").get(1).asText();
    }

    /** Every sample of {@code metric} in [start, end], in seconds, grouped by the value of {@code by}. */
    private static Map<String, List<Duration>> range(HttpClient client, String api, String metric, String by, long start,
            long end) throws IOException, InterruptedException {
        String url = api + "query_range?query=" + enc(metric) + "&start=" + start + "&end=" + end + "&step=5";
        Map<String, List<Duration>> out = new TreeMap<>();
        for (JsonNode series : JSON.readTree(get(client, URI.create(url))).path("data").path("result")) {
            List<Duration> values = out.computeIfAbsent(series.path("metric").path(by).asText(), k -> new ArrayList<>());
            for (JsonNode v : series.path("values")) {
                values.add(Duration.ofNanos((long) (Double.parseDouble(v.get(1).asText()) * 1e9)));
            }
        }
        return out;
    }

    private static double median(List<Duration> d) {
        long[] n = d.stream().mapToLong(Duration::toNanos).sorted().toArray();
        return n[(n.length - 1) / 2];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String version(Path binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        p.waitFor();
        return first.replaceFirst("^prometheus, ", "");
    }

    private static Path onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " not found on PATH (Debian package 'prometheus')"));
    }
}
