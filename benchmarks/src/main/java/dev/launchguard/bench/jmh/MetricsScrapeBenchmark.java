package dev.launchguard.bench.jmh;

import dev.launchguard.bench.supervisor.BenchFleet;
import dev.launchguard.bench.supervisor.LoopbackServers;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.health.HealthState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of a Prometheus scrape: a real {@code GET /metrics} over HTTP/1.1 (one keep-alive
 * connection, Java's {@link HttpClient}) against the API server of a real launchguard (embedded
 * engine, in the forked JVM) with {@code jobs} jobs registered. As in {@code FootprintBench}, each
 * job is {@code /bin/sleep} with an HTTP liveness probe at the default policy, here against one
 * {@link LoopbackServers} port in a separate JVM, so the registry holds every per-job meter of a
 * working fleet while the jobs cost nothing. The probes keep running during the measurement, as
 * they would when Prometheus scrapes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class MetricsScrapeBenchmark {

    private static final Duration START_BOUND = Duration.ofMinutes(1);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);

    @Param("50")
    public int jobs;

    private LoopbackServers.Spawned target;
    private RunningFleet running;
    private Launchguard launchguard;
    private HttpClient client;
    private HttpRequest scrape;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        target = LoopbackServers.spawn(1, 1);
        int port = target.ports().get(0);
        BenchFleet fleet = new BenchFleet("jmh-metrics");
        for (int i = 0; i < jobs; i++) {
            fleet.add(BenchFleet.sleeper(label(i)), "    liveness: http://127.0.0.1:" + port + "/job/" + i + "\n");
        }
        running = RunningFleet.start(fleet, target);
        launchguard = running.launchguard();
        for (int i = 0; i < jobs; i++) {
            BenchFleet.awaitState(launchguard, label(i), HealthState.READY, START_BOUND);
        }
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(SCRAPE_TIMEOUT).build();
        scrape = HttpRequest.newBuilder(URI.create(launchguard.url().resolve("/metrics").toString()))
                .timeout(SCRAPE_TIMEOUT).GET().build();
        String first = scrapeMetrics();
        if (!first.contains(label(jobs - 1))) {
            throw new IllegalStateException("/metrics does not name job '" + label(jobs - 1) + "'");
        }
    }

    /** One scrape; the body is returned so the exposition text is really built and read. */
    @Benchmark
    public String scrapeMetrics() throws IOException, InterruptedException {
        HttpResponse<String> res = client.send(scrape, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + res.statusCode());
        }
        return res.body();
    }

    @TearDown(Level.Trial)
    public void stop() {
        running.close();
    }

    private static String label(int i) {
        return String.format(Locale.ROOT, "bench.jmh.job%02d", i);
    }
}
