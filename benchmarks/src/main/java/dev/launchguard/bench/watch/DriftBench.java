package dev.launchguard.bench.watch;

import dev.launchguard.drift.DriftCheck;
import dev.launchguard.drift.DriftFile;
import dev.launchguard.drift.DriftReport;
import dev.launchguard.drift.DriftWatcher;
import dev.launchguard.drift.JobDirectory;
import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.process.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A drift file of 100 assertions of every kind, run N times in one JVM (as a watcher inside
 * launchguard would run it): how long one run takes, median and spread. The goal is under 200 ms.
 *
 * <p>Usage: {@code DriftBench [runs=15]}. The mix: 20 job, 10 plist, 15 port (owned by a tagged
 * python3 listener), 10 process (python3 present, 9 retired programs absent), 20 file (exists, contains, sha256), 15 config (JSON, YAML, plist),
 * 5 env, 5 command ({@code true}). The job manager is an in-process map, so the API round trip the
 * CLI adds is not measured here; the process-table scan and the socket table are real and read once per run.
 */
public final class DriftBench {

    private static final int WARMUP = 3;

    private DriftBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path work = Files.createTempDirectory("drift-bench");
        String label = "bench.drift." + ProcessHandle.current().pid();
        ProcessBuilder listener = new ProcessBuilder("python3", "-c", "import socket,time\nss=[]\n"
                + "for i in range(15):\n s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(); ss.append(s)\n"
                + "print(' '.join(str(s.getsockname()[1]) for s in ss), flush=True); time.sleep(600)");
        listener.environment().put(ProcessTable.JOB_TAG, label);
        listener.environment().put("MODEL", "mini");
        Process server = listener.start();
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            String[] ports = new String(server.getInputStream().readNBytes(15 * 6), java.nio.charset.StandardCharsets.UTF_8)
                    .trim().split("\\s+");
            Map<String, JobDirectory.LoadedJob> jobs = new HashMap<>();
            Path drift = write(work, label, ports, jobs);
            List<DriftCheck> checks = DriftFile.forUser().load(drift);
            DriftWatcher watcher = new DriftWatcher(() -> jobs, new ProcessTable(), executor, Clock.systemUTC(),
                    System::nanoTime);
            double[] millis = new double[runs];
            DriftReport last = null;
            for (int i = -WARMUP; i < runs; i++) {
                last = watcher.run(checks);
                if (i >= 0) {
                    millis[i] = last.elapsed().toNanos() / 1e6;
                }
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "drift: %d assertions (%d failed), %d runs after %d warm-up: median %.1f ms, "
                    + "min %.1f ms, p90 %.1f ms, max %.1f ms%n", checks.size(), last.failures(), runs, WARMUP,
                    millis[runs / 2], millis[0], millis[(int) Math.ceil(runs * 0.9) - 1], millis[runs - 1]);
            last.results().stream().filter(r -> !r.ok()).forEach(r -> System.out.println("failed: " + r.check() + ": " + r.detail()));
        } finally {
            executor.shutdownNow();
            server.destroyForcibly();
        }
    }

    private static Path write(Path work, String label, String[] ports, Map<String, JobDirectory.LoadedJob> jobs)
            throws Exception {
        StringBuilder yaml = new StringBuilder("checks:\n");
        for (int i = 0; i < 20; i++) {
            String job = label + "." + i;
            Path plist = work.resolve(job + ".plist");
            Plists.write(LaunchdJob.of(job, List.of("/bin/sleep", "60")), plist);
            jobs.put(job, new JobDirectory.LoadedJob(job, "READY", OptionalLong.of(1), Optional.of(plist),
                    LoadedPlist.digest(plist)));
            yaml.append("  - job: ").append(job).append('\n');
            if (i < 10) {
                yaml.append("  - plist: ").append(job).append('\n');
            }
        }
        for (String port : ports) {
            yaml.append("  - port: ").append(port).append("\n    owner: ").append(label).append('\n');
        }
        yaml.append("  - process: python3\n");
        for (int i = 1; i < 10; i++) {
            // No such program runs: "count: 0" asserts a retired service stays gone.
            yaml.append("  - process: retired-service-").append(i).append("\n    count: 0\n");
        }
        for (int i = 0; i < 20; i++) {
            Path file = Files.writeString(work.resolve("file" + i + ".conf"), "listen 127.0.0.1:" + i + "\n".repeat(50));
            yaml.append("  - file: ").append(file).append("\n    contains: 'listen 127.0.0.1:").append(i)
                    .append("'\n    sha256: ").append(LoadedPlist.digest(file).orElseThrow()).append('\n');
        }
        Files.writeString(work.resolve("app.json"), "{\"server\": {\"port\": 8080, \"hosts\": [\"a\", \"b\"]}}");
        Files.writeString(work.resolve("app.yaml"), "features:\n  search: true\n");
        for (int i = 0; i < 15; i++) {
            String[] file = switch (i % 3) {
                case 0 -> new String[] {"app.json", "server.port", "8080"};
                case 1 -> new String[] {"app.yaml", "features.search", "true"};
                default -> new String[] {work.resolve(label + ".0.plist").toString(), "Label", label + ".0"};
            };
            yaml.append("  - name: config ").append(i).append("\n    config: ").append(file[0]).append("\n    key: ")
                    .append(file[1]).append("\n    equals: '").append(file[2]).append("'\n");
        }
        for (int i = 0; i < 5; i++) {
            yaml.append("  - name: env ").append(i).append("\n    env: ").append(label).append("\n    variable: MODEL\n    equals: mini\n");
        }
        for (int i = 0; i < 5; i++) {
            yaml.append("  - name: command ").append(i).append("\n    command: [true]\n");
        }
        return Files.writeString(work.resolve("drift.yaml"), yaml);
    }
}
