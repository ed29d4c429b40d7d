package dev.launchguard.bench.sidebyside;

import dev.launchguard.bench.supervisor.BenchFleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * launchguard, monit, supervisord and blackbox_exporter side by side, in one run on one machine,
 * against the same targets, observed by the same poller ({@link HealthPoller}) and the same /proc
 * readings ({@link Proc}). One tool runs at a time: each is stopped, its leftover target instances
 * killed and the port free before the next starts. A shutdown hook does the same on Ctrl-C.
 *
 * <p>Usage: see {@link Settings#USAGE}; {@code benchmarks/side-by-side.sh} installs the tools,
 * builds and runs this.
 */
public final class SideBySide {

    private static final Duration SLOW_START = Duration.ofSeconds(4);
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(2);

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Path dir = Files.createTempDirectory("side-by-side");
        try {
            run(settings, dir);
        } catch (Exception | Error e) {
            System.err.println("side-by-side run failed; the tools' configurations and logs are kept in " + dir);
            throw e;
        }
        delete(dir);
    }

    private static void run(Settings settings, Path dir) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("started", Instant.now().toString());
        results.put("machine", machine(settings));
        results.put("loadBefore", load());
        AtomicReference<Tool> current = new AtomicReference<>();
        List<Target> targets = new ArrayList<>();
        Thread cleanup = new Thread(() -> {
            stopAll(current, targets);
            System.err.println("side-by-side run stopped early; configurations and logs are kept in " + dir);
        }, "side-by-side-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        List<FaultSeries> faults = new ArrayList<>();
        List<ProbeSeries> probes = new ArrayList<>();
        if (settings.faults()) {
            targets.add(Target.of("instant", dir, Duration.ZERO));
            targets.add(Target.of("slow", dir, SLOW_START));
            for (Target target : targets) {
                for (Tool tool : tools(settings, dir)) {
                    List<String> kinds = new ArrayList<>();
                    if (tool.detectsWedges()) {
                        kinds.add("stop");
                    }
                    if (target.startDelay.isZero()) {
                        kinds.add("kill");
                    }
                    if (!kinds.isEmpty()) {
                        current.set(tool);
                        faults.addAll(supervise(tool, target, kinds, settings));
                        current.set(null);
                    }
                }
            }
        }
        if (settings.probes()) {
            probes.addAll(new ProbeComparison(dir, settings.exporter(), settings.driverJvmOptions(), settings).run());
        }
        results.put("loadAfter", load());
        Report report = new Report(settings, faults, probes);
        report.print();
        report.write(settings.out(), results);
        System.out.println("results (JSON): " + settings.out().toAbsolutePath());
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    private static List<Tool> tools(Settings s, Path dir) throws IOException, InterruptedException {
        return List.of(new LaunchguardTool(s.launcher(), dir), new MonitTool(s.monit(), dir, BenchFleet.python()),
                new SupervisordTool(s.supervisord(), dir));
    }

    /** Starts {@code tool} on {@code target}, runs each fault series, stops it and frees the port. */
    private static List<FaultSeries> supervise(Tool tool, Target target, List<String> kinds, Settings s)
            throws IOException {
        if (Proc.listener(target.port).isPresent()) {
            throw new IllegalStateException("port " + target.port + " is taken before " + tool.name() + " starts");
        }
        System.err.println("== " + tool.name() + " supervising the " + target.name + " target (" + target.description()
                + ", port " + target.port + ")");
        List<FaultSeries> series = new ArrayList<>();
        try {
            tool.start(target);
            boolean started = HealthPoller.awaitHealthy(target.port, s.bound()).isPresent();
            if (!started) {
                System.err.println(tool.name() + ": target not healthy within " + s.bound().toSeconds() + " s of the start");
            }
            HealthPoller.pause(IDLE_SETTLE);
            long idle = Proc.rssKib(tool.pid());
            for (String kind : kinds) {
                FaultSeries f = new FaultTrials(tool, target, s.bound()).run(kind, s.trials(), idle);
                series.add(started ? f : f.withNote("idle RSS read before the target was ever healthy (not within "
                        + s.bound().toSeconds() + " s of the tool's start)"));
            }
            return series;
        } finally {
            tool.close();
            int left = target.killAll();
            if (left > 0) {
                System.err.println(tool.name() + " left " + left + " target instance(s) running after it stopped; killed");
            }
        }
    }

    /** The tool running now, gracefully; then every process this JVM started (exporter, drivers, servers); then the targets. */
    private static void stopAll(AtomicReference<Tool> current, List<Target> targets) {
        Tool tool = current.getAndSet(null);
        if (tool != null) {
            tool.close();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        for (Target t : targets) {
            try {
                t.killAll();
            } catch (IOException | RuntimeException e) {
                System.err.println("target '" + t.name + "' not cleaned up: " + e.getMessage());
            }
        }
    }

    private static Map<String, Object> machine(Settings s) throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu", Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?"));
        m.put("memTotal", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("monit", version(List.of(s.monit().toString(), "-V")));
        m.put("supervisord", version(List.of(s.supervisord().toString(), "--version")));
        m.put("blackboxExporter", version(List.of(s.exporter().toString(), "--version")));
        m.put("python", version(List.of(BenchFleet.python(), "--version")));
        return m;
    }

    /** The first line a tool prints about its version, bounded. */
    private static String version(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "?";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return out.isEmpty() ? "?" : out.lines().findFirst().orElse("?");
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** Removes the run's folder (configurations, logs, pid files); kept when the run fails, for its logs. */
    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String load() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
