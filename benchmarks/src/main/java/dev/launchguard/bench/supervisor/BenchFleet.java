package dev.launchguard.bench.supervisor;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real launchguard for a benchmark: plists and a {@code launchguard.yaml} written to a temporary
 * folder, loaded by the product's own {@link ConfigLoader} (so every key not written takes the real
 * default) and run by {@link Launchguard#start} on the embedded engine, in this JVM.
 */
public final class BenchFleet {

    /** Restart limits raised so that tens of deliberate faults are never quarantined; the probe policy stays default. */
    public static final String LENIENT_STORM = "    storm: {maxRestarts: 1000, window: 10m}\n";

    public final Path dir;
    public final Path plists;
    private final List<String> jobsYaml = new ArrayList<>();

    public BenchFleet(String prefix) throws IOException {
        this.dir = Files.createTempDirectory(prefix);
        this.plists = Files.createDirectories(dir.resolve("plists"));
    }

    /** Writes {@code job}'s plist and its YAML entry ({@code yaml}: the lines after {@code - label:}). */
    public void add(LaunchdJob job, String yaml) {
        Plists.write(job, plists.resolve(job.label() + ".plist"));
        jobsYaml.add("  - label: " + job.label() + "\n" + yaml);
    }

    /** Writes launchguard.yaml and starts launchguard on it, in this JVM. */
    public Launchguard start() throws IOException {
        Path config = writeConfig();
        return Launchguard.start(new ConfigLoader(dir).load(config), Clock.systemUTC());
    }

    /** Writes launchguard.yaml (embedded engine, API on a free loopback port) for the jobs added so far. */
    public Path writeConfig() throws IOException {
        Path config = dir.resolve("launchguard.yaml");
        Files.writeString(config, "listen: 127.0.0.1:0\nplists: plists\nengine: embedded\nstateDir: state\n"
                + "hostRestartBudget: {restarts: 10000, window: 1m}\njobs:\n" + String.join("", jobsYaml));
        return config;
    }

    public static JobView awaitState(Launchguard lg, String label, HealthState state, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            JobView view = lg.supervisor().job(label).orElseThrow();
            if (view.state() == state) {
                return view;
            }
            sleep(Duration.ofMillis(10));
        }
        throw new IllegalStateException("job '" + label + "' not " + state + " within " + bound + ": "
                + lg.supervisor().job(label).orElseThrow().state());
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The sample model server with no warmup: ready once its JVM is up and the model loaded (~2–3 s here). */
    public static LaunchdJob modelServer(String label, Path dir, Path jar, int port, String heap) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return LaunchdJob.of(label, List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar",
                        jar.toAbsolutePath().toString(), "--port", Integer.toString(port), "--warmup", "0"))
                .withEnvironmentVariables(Map.of("ORT_DISABLE_TELEMETRY", "1", "OPT_OUT_TRACKING", "true",
                        "DJL_OFFLINE", "true"))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(Duration.ofSeconds(1))
                .withExitTimeOut(Duration.ofSeconds(10)).withStandardErrorPath(dir.resolve(label + ".err.log"));
    }

    /** A job that costs nothing: {@code /bin/sleep} kept alive, for fleets where only launchguard's own work counts. */
    public static LaunchdJob sleeper(String label) {
        return LaunchdJob.of(label, List.of("/bin/sleep", "3599")).withKeepAlive(KeepAlive.forever())
                .withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(2));
    }

    /** The YAML of the model server's probes (startup and readiness: ready; liveness: live), default policy. */
    public static String modelProbes(int port) {
        String base = "http://127.0.0.1:" + port;
        return "    startup: {http: '" + base + "/v2/health/ready'}\n"
                + "    liveness: " + base + "/v2/health/live\n"
                + "    readiness: " + base + "/v2/health/ready\n";
    }

    /** The real interpreter, not a pyenv shim script, so the job is one process. */
    public static String python() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String path = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0 || path.isEmpty()) {
            throw new IllegalStateException("python3 not found");
        }
        return path;
    }

    public static void sleep(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        }
    }

    /** SIGTERM, then SIGKILL after 30 s: a helper process (monit, Prometheus) stopped at a benchmark's end. */
    public static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Removes the temporary folder (plists, state, logs). */
    public void delete() {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("temporary folder '" + dir + "' not removed: " + e.getMessage());
        }
    }
}
