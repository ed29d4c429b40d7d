package dev.launchguard.bench.sidebyside;

import dev.launchguard.bench.supervisor.BenchFleet;
import dev.launchguard.bench.supervisor.LoopbackServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * launchguard's probe engine against blackbox_exporter, each driven by the same {@link ProbeDriver}
 * (same rate, same probes in flight, same endpoints: {@link LoopbackServers} in their own JVM), one
 * after the other. Both driver JVMs run with the same options: the launcher's defaults.
 */
final class ProbeComparison {

    private static final Duration EXPORTER_START_BOUND = Duration.ofSeconds(15);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final Path dir;
    private final Path exporter;
    private final List<String> driverJvmOptions;
    private final Settings settings;

    ProbeComparison(Path dir, Path exporter, List<String> driverJvmOptions, Settings settings) {
        this.dir = dir;
        this.exporter = exporter;
        this.driverJvmOptions = driverJvmOptions;
        this.settings = settings;
    }

    List<ProbeSeries> run() throws IOException, InterruptedException {
        try (LoopbackServers.Spawned servers = LoopbackServers.spawn(settings.endpoints(), 1)) {
            String ports = servers.ports().stream().map(String::valueOf).collect(Collectors.joining(","));
            ProbeSeries launchguard = drive("launchguard", "driver JVM: Prober + load generator", 0, "-", ports);
            int port = BenchFleet.freePort();
            Path config = dir.resolve("blackbox.yml");
            Files.writeString(config, "modules:\n  http_2xx:\n    prober: http\n    timeout: "
                    + ProbeDriver.DEADLINE.toMillis() + "ms\n    http:\n      preferred_ip_protocol: ip4\n");
            try (ToolProcess bb = ToolProcess.start("blackbox_exporter", List.of(exporter.toString(),
                    "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port), Map.of(),
                    dir.resolve("blackbox.log"), Duration.ofSeconds(10))) {
                if (HealthPoller.awaitHealthy(port, EXPORTER_START_BOUND).isEmpty()) {
                    bb.requireAlive();
                    throw new IllegalStateException("blackbox_exporter not answering on port " + port + " within "
                            + EXPORTER_START_BOUND + "; see " + dir.resolve("blackbox.log"));
                }
                HealthPoller.pause(SETTLE);
                return List.of(launchguard, drive("blackbox_exporter", "exporter process", bb.pid(),
                        "http://127.0.0.1:" + port, ports));
            }
        }
    }

    private ProbeSeries drive(String engine, String process, long enginePid, String exporterUrl, String ports)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(driverJvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ProbeDriver.class.getName(),
                engine.equals("launchguard") ? "launchguard" : "blackbox", Long.toString(enginePid), exporterUrl,
                Double.toString(settings.rate()), Long.toString(settings.phase().toSeconds()),
                Integer.toString(settings.inFlight()), Integer.toString(settings.probeTrials()), ports));
        Process driver = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // Bounded: (1 warmup + 2 phases per trial) plus slack; a hung driver is killed, not waited for.
        long bound = settings.phase().toSeconds() * (1 + 2L * settings.probeTrials()) + 120;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(driver::destroyForcibly, bound, TimeUnit.SECONDS);
        long idle = 0;
        List<Map<String, Long>> paced = new ArrayList<>();
        List<Map<String, Long>> saturation = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null && !line.equals("done"); ) {
                Map<String, String> kv = parse(line);
                if (line.startsWith("idle ")) {
                    idle = Long.parseLong(kv.get("rss_kib"));
                } else if (line.startsWith("result ")) {
                    Map<String, Long> figures = new HashMap<>();
                    kv.forEach((k, v) -> {
                        if (!k.equals("phase")) {
                            figures.put(k, Long.parseLong(v));
                        }
                    });
                    (kv.get("phase").equals("paced") ? paced : saturation).add(figures);
                    System.err.printf(Locale.ROOT, "[%s probes] %s%n", engine, line.substring("result ".length()));
                }
            }
        } finally {
            watchdog.shutdownNow();
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly().waitFor();
            }
        }
        if (paced.size() != settings.probeTrials() || saturation.size() != settings.probeTrials()) {
            throw new IllegalStateException("probe driver for " + engine + " ended early (exit " + driver.exitValue()
                    + ") after " + paced.size() + " paced and " + saturation.size() + " saturation phases");
        }
        return new ProbeSeries(engine, process, idle, paced, saturation);
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> kv = new HashMap<>();
        for (String word : line.split(" ")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                kv.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return kv;
    }
}
