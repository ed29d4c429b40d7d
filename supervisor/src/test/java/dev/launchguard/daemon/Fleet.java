package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.fleet.JobView;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real launchguard for integration tests: plists and a {@code launchguard.yaml} written to a
 * temporary folder, loaded through {@link ConfigLoader} (so every key not given takes its real
 * default) and run by the composition root on the embedded engine. {@link #close()} stops it and
 * fails if any process of its jobs survived.
 */
final class Fleet implements AutoCloseable {

    /** The variables every launcher of the model server and of Next.js sets (sample-model-server/README.md). */
    static final Map<String, String> NO_TELEMETRY = Map.of("ORT_DISABLE_TELEMETRY", "1", "OPT_OUT_TRACKING", "true",
            "NEXT_TELEMETRY_DISABLED", "1");
    static final String MODEL = "all-minilm-l6-v2";

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ProcessTable TABLE = new ProcessTable();
    /** HTTP/1.1: the JDK's default h2c upgrade header makes Next.js's server drop the connection. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final Path dir;
    final Path plists;
    final Path stateDir;
    final Path logs;
    private final StringBuilder jobs = new StringBuilder();
    private final List<String> labels = new ArrayList<>();
    private final List<String> extraTop = new ArrayList<>();
    Launchguard launchguard;

    Fleet(Path dir) {
        this.dir = dir;
        try {
            this.plists = Files.createDirectories(dir.resolve("plists"));
            this.stateDir = Files.createDirectories(dir.resolve("state"));
            this.logs = Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A label unique to this run (reverse-DNS, as the config demands), so no leftover is mistaken for ours. */
    static String label(String name) {
        return "test.it." + name + ".p" + ProcessHandle.current().pid() + "n" + SEQUENCE.incrementAndGet();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path modelJar() {
        Path jar = Path.of(System.getProperty("launchguard.model.jar", "../sample-model-server/target/sample-model-server.jar"));
        assertThat(jar).as("the model server jar (built before the supervisor module)").isRegularFile();
        return jar;
    }

    /** The shaded launchguard jar, to run launchguard as operators do: its own process. */
    static Path launchguardJar() {
        Path jar = Path.of(System.getProperty("launchguard.jar", "target/launchguard.jar"));
        assertThat(jar).as("the launchguard jar (package runs before integration-test)").isRegularFile();
        return jar;
    }

    /** The sample model server as a KeepAlive job, the way the demo plist runs it. */
    LaunchdJob modelServer(String label, int port, int warmup) {
        return LaunchdJob.of(label, List.of(java(), "-XX:+ExitOnOutOfMemoryError", "-Xmx384m", "-jar",
                        modelJar().toString(), "--port", String.valueOf(port), "--warmup", String.valueOf(warmup),
                        "--drain-timeout", "2s", "--chaos"))
                .withEnvironmentVariables(NO_TELEMETRY)
                .withWorkingDirectory(dir)
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(5))
                .withStandardOutPath(logs.resolve(label + ".log")).withStandardErrorPath(logs.resolve(label + ".log"));
    }

    /**
     * The model's probes exactly as launchd/launchguard.demo.yaml gives them: startup and readiness on
     * the ready endpoint, liveness a tiny real inference; every other key at its default.
     */
    static String modelProbes(int port) {
        String base = "http://127.0.0.1:" + port;
        return "    startup:\n"
                + "      http: " + base + "/v2/health/ready\n"
                + "      budget: 2m\n"
                + "    liveness:\n"
                + "      http: " + base + "/v1/embeddings\n"
                + "      body: '{\"model\":\"" + MODEL + "\",\"input\":\"ping\"}'\n"
                + "      interval: 500ms\n"
                + "      timeout: 400ms\n"
                + "      failureThreshold: 3\n"
                + "    readiness: " + base + "/v2/health/ready\n";
    }

    /**
     * A job that exits 1 the moment it starts, respawned by KeepAlive every second, with a liveness
     * probe on a port nobody listens on and a storm guard of {@code maxRestarts} in 5 minutes: a
     * crash loop the storm guard quarantines.
     */
    Fleet addCrashLoop(String label, int maxRestarts) {
        LaunchdJob job = LaunchdJob.of(label, List.of("/bin/sh", "-c", "exit 1"))
                .withEnvironmentVariables(NO_TELEMETRY)
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(Duration.ofSeconds(1));
        return add(job, "    liveness: http://127.0.0.1:" + freePort() + "/\n"
                + "    storm: { maxRestarts: " + maxRestarts + ", window: 5m, backoff: 10m }\n");
    }

    /** Writes {@code job}'s plist and its entry in the config; {@code yaml} is indented under the entry. */
    Fleet add(LaunchdJob job, String yaml) {
        Plists.write(job, plists.resolve(job.label() + ".plist"));
        jobs.append("  - label: ").append(job.label()).append('\n').append(yaml);
        labels.add(job.label());
        return this;
    }

    /** A top-level config line, e.g. {@code hostRestartBudget: ...}. */
    Fleet top(String line) {
        extraTop.add(line);
        return this;
    }

    /** Writes launchguard.yaml listening on {@code apiPort} and returns its path. */
    Path writeConfig(int apiPort) {
        StringBuilder yaml = new StringBuilder()
                .append("listen: 127.0.0.1:").append(apiPort).append('\n')
                .append("plists: ").append(plists).append('\n')
                .append("engine: embedded\n")
                .append("stateDir: ").append(stateDir).append('\n');
        extraTop.forEach(l -> yaml.append(l).append('\n'));
        yaml.append("jobs:\n").append(jobs);
        Path config = dir.resolve("launchguard.yaml");
        try {
            Files.writeString(config, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    /** Starts launchguard in this JVM, through the same loader and composition root as {@code launchguard run}. */
    Launchguard start() {
        Path config = writeConfig(0);
        launchguard = Launchguard.start(new ConfigLoader(dir).load(config), Clock.systemUTC());
        return launchguard;
    }

    JobView view(String label) {
        return launchguard.supervisor().job(label).orElseThrow();
    }

    String scrape() {
        return launchguard.supervisor().scrape();
    }

    /** Every live process carrying {@code label}'s lineage tag. */
    static List<JobProcess> tagged(String label) {
        return TABLE.tagged(label);
    }

    /** Whether {@code pid} still runs (a zombie counts as gone). */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static ProcessTable table() {
        return TABLE;
    }

    /** Sends a real signal from outside launchguard, as an operator or a fault would. */
    static void signal(long pid, String signal) {
        try {
            int rc = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start().waitFor();
            assertThat(rc).as("kill -s %s %d", signal, pid).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with the bearer token, as the CLI sends it. */
    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String json, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Asks the model server on {@code port} (started with --chaos) to fail in {@code mode}. */
    static void fault(int port, String mode) throws IOException, InterruptedException {
        HttpResponse<String> r = post("http://127.0.0.1:" + port + "/admin/fault", "{\"mode\":\"" + mode + "\"}",
                Duration.ofSeconds(10));
        assertThat(r.statusCode()).as("fault %s accepted: %s", mode, r.body()).isEqualTo(202);
    }

    /**
     * SIGKILLs whatever still carries one of {@code labels}' tags and returns it: anything found
     * is a process launchguard left behind.
     */
    static List<JobProcess> killLeftovers(List<String> labels) {
        List<JobProcess> found = TABLE.scan().stream().filter(p -> p.label().filter(labels::contains).isPresent())
                .toList();
        found.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly));
        return found;
    }

    List<String> labels() {
        return List.copyOf(labels);
    }

    @Override
    public void close() {
        if (launchguard != null) {
            launchguard.close();
        }
        assertThat(killLeftovers(labels)).as("processes launchguard left behind after close").isEmpty();
    }
}
