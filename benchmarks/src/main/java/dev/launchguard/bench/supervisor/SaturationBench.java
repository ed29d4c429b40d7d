package dev.launchguard.bench.supervisor;

import dev.launchguard.daemon.Launchguard;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.health.HealthState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sample model server saturated under a real launchguard at the default liveness policy: does
 * the supervisor leave a busy server alone? Liveness is one tiny real inference ({@code POST
 * /v1/embeddings}, as in the demo fleet), so it queues behind the load like any client request.
 *
 * <p>Usage: {@code SaturationBench [seconds=60] [concurrency=8] [model-jar]}. Reports restarts (from
 * the JobView), every health state seen, every liveness outcome seen (sampled every 50 ms from the
 * JobView, so each 500 ms attempt is seen once) and the probe counts by role and outcome from
 * launchguard's own metrics.
 */
public final class SaturationBench {

    private static final String LABEL = "bench.supervisor.model";
    private static final String BODY = "{\"model\":\"all-minilm-l6-v2\",\"input\":"
            + "\"The supervisor restarts a model server that stopped answering its health probes.\"}";
    private static final Duration SAMPLE = Duration.ofMillis(50);

    private SaturationBench() {
    }

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 60);
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path jar = Path.of(args.length > 2 ? args[2] : "sample-model-server/target/sample-model-server.jar");
        BenchFleet fleet = new BenchFleet("saturation-bench");
        int port = BenchFleet.freePort();
        String base = "http://127.0.0.1:" + port;
        fleet.add(BenchFleet.modelServer(LABEL, fleet.dir, jar, port, "512m"),
                "    startup: {http: '" + base + "/v2/health/ready'}\n"
                        + "    liveness: {http: '" + base + "/v1/embeddings', method: POST, body: '"
                        + "{\"model\":\"all-minilm-l6-v2\",\"input\":\"ping\"}'}\n"
                        + "    readiness: " + base + "/v2/health/ready\n");
        try (Launchguard lg = fleet.start()) {
            JobView ready = BenchFleet.awaitState(lg, LABEL, HealthState.READY, Duration.ofMinutes(2));
            int restartsBefore = ready.restarts().size();
            long pidBefore = ready.pid().orElseThrow();
            Map<String, Long> probesBefore = probeCounts(lg.supervisor().scrape());
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong errors = new AtomicLong();
            long end = System.nanoTime() + length.toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                Thread t = new Thread(() -> load(URI.create(base + "/v1/embeddings"), end, latencies, errors), "load-" + i);
                clients.add(t);
                t.start();
            }
            Map<String, Integer> states = new TreeMap<>();
            Map<String, Integer> liveness = new TreeMap<>();
            List<Duration> livenessDurations = new ArrayList<>();
            ProbeView lastLive = ready.lastProbes().get("liveness");
            while (System.nanoTime() < end) {
                JobView v = lg.supervisor().job(LABEL).orElseThrow();
                states.merge(v.state().tag(), 1, Integer::sum);
                ProbeView live = v.lastProbes().get("liveness");
                if (live != null && (lastLive == null || !live.at().equals(lastLive.at()))) {
                    liveness.merge(live.outcome().tag(), 1, Integer::sum);
                    livenessDurations.add(live.duration());
                    lastLive = live;
                }
                BenchFleet.sleep(SAMPLE);
            }
            for (Thread t : clients) {
                t.join();
            }
            JobView after = lg.supervisor().job(LABEL).orElseThrow();
            Map<String, Long> probesAfter = probeCounts(lg.supervisor().scrape());
            System.out.println();
            System.out.printf(Locale.ROOT, "load: %d s at concurrency %d: %d answered (%.1f/s), %d errors%n",
                    length.toSeconds(), concurrency, latencies.size(), latencies.size() / (double) length.toSeconds(),
                    errors.get());
            System.out.println("restarts during the run: " + (after.restarts().size() - restartsBefore) + " (pid "
                    + pidBefore + " -> " + after.pid().orElse(0) + ", final state " + after.state().tag() + ")");
            after.restarts().forEach(r -> System.out.println("  restart " + r.reason().tag() + ": " + r.evidence()));
            System.out.println("health states seen (samples every " + SAMPLE.toMillis() + " ms): " + states);
            System.out.println("liveness outcomes seen: " + liveness);
            System.out.println("probe attempts during the run, from launchguard's metrics (role/outcome): "
                    + delta(probesBefore, probesAfter));
            System.out.println(Spread.header());
            System.out.println(Spread.of("client POST /v1/embeddings latency",
                    latencies.stream().map(Duration::ofNanos).toList()).row());
            System.out.println(Spread.of("liveness probe duration", livenessDurations).row());
        } finally {
            fleet.delete();
        }
    }

    private static void load(URI uri, long endNanos, List<Long> latencies, AtomicLong errors) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        List<Long> mine = new ArrayList<>();
        while (System.nanoTime() < endNanos) {
            long start = System.nanoTime();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    mine.add(System.nanoTime() - start);
                } else {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        latencies.addAll(mine);
    }

    /** {@code launchguard_probes_total} per "role/outcome". */
    private static Map<String, Long> probeCounts(String scrape) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("launchguard_probes_total{")) {
                String tags = line.substring(line.indexOf('{') + 1, line.indexOf('}'));
                counts.put(tag(tags, "probe") + "/" + tag(tags, "outcome"),
                        (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return counts;
    }

    private static String tag(String tags, String key) {
        int at = tags.indexOf(key + "=\"");
        return at < 0 ? "?" : tags.substring(at + key.length() + 2, tags.indexOf('"', at + key.length() + 2));
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        d.values().removeIf(v -> v == 0);
        return d;
    }
}
