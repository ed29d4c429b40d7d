package dev.launchguard.bench.supervisor;

import com.sun.net.httpserver.HttpServer;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * launchguard as an operator runs it: a separate process ({@code COMMAND... run --config FILE})
 * supervising N small jobs on the embedded engine. Each job is {@code /bin/sleep 3599} (KeepAlive)
 * with an HTTP liveness probe at the default policy against one shared loopback HTTP server in
 * this harness, at its own path {@code /job/I}; so launchguard does all its real per-job work
 * (watcher thread, probes, process sampling) while the jobs themselves cost almost nothing.
 *
 * <p>Measures cold start (process start → first probe request arriving at the loopback server, and
 * → every job probed at least once) and, after {@code settle} seconds, VmRSS of the launchguard
 * JVM sampled once a second for 10 s (median, max) plus VmHWM and its thread count, and the CPU it
 * used over those 10 s (user + system from /proc/PID/stat) as a share of one core. A launchguard that
 * refuses the fleet (more jobs than it allows) is reported with its exit code and its last log line.
 *
 * <p>Usage: {@code FootprintBench JOBS SETTLE_SECONDS COMMAND...}, e.g. {@code FootprintBench 50 20
 * java -jar supervisor/target/launchguard.jar}.
 */
public final class FootprintBench {

    private static final Duration RSS_WINDOW = Duration.ofSeconds(10);
    /** The liveness interval of every job ({@code -Dbench.interval=4s}); launchguard's default (500 ms) when unset. */
    private static final String INTERVAL = System.getProperty("bench.interval");
    /** A minute, and a tenth of a second more per job (1,000 jobs: 160 s). */
    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final Duration START_PER_JOB = Duration.ofMillis(100);
    /** Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private FootprintBench() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /**
     * 0 when every job was probed and measured, 3 when launchguard refused the fleet at load (exit
     * 2, its log names the limit), 4 when it exited before the first probe for any other reason.
     */
    private static int run(String[] args) throws Exception {
        int jobs = Integer.parseInt(args[0]);
        Duration settle = Duration.ofSeconds(Long.parseLong(args[1]));
        List<String> command = new ArrayList<>(Arrays.asList(args).subList(2, args.length));
        BenchFleet fleet = new BenchFleet("footprint-bench");
        AtomicLong firstProbe = new AtomicLong();
        AtomicLong allProbed = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        Set<String> probed = ConcurrentHashMap.newKeySet();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        target.createContext("/", ex -> {
            long now = System.nanoTime();
            firstProbe.compareAndSet(0, now);
            requests.incrementAndGet();
            if (probed.add(ex.getRequestURI().getPath()) && probed.size() == jobs) {
                allProbed.compareAndSet(0, now);
            }
            ex.sendResponseHeaders(200, 2);
            ex.getResponseBody().write("ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            ex.close();
        });
        target.setExecutor(Executors.newFixedThreadPool(2));
        target.start();
        int port = target.getAddress().getPort();
        StringBuilder yaml = new StringBuilder("listen: 127.0.0.1:0\nplists: plists\nengine: embedded\nstateDir: state\njobs:\n");
        for (int i = 0; i < jobs; i++) {
            String label = String.format(Locale.ROOT, "bench.footprint.job%04d", i);
            Plists.write(BenchFleet.sleeper(label), fleet.plists.resolve(label + ".plist"));
            yaml.append("  - label: ").append(label).append("\n    liveness:\n      http: http://127.0.0.1:").append(port)
                    .append("/job/").append(i).append('\n');
            if (INTERVAL != null) {
                yaml.append("      interval: ").append(INTERVAL).append('\n');
            }
        }
        Path config = fleet.dir.resolve("launchguard.yaml");
        Files.writeString(config, yaml.toString());
        command.addAll(List.of("run", "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(fleet.dir.resolve("launchguard.log").toFile());
        long startNanos = System.nanoTime();
        Process lg = pb.start();
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            long deadline = startNanos + START_BOUND.plus(START_PER_JOB.multipliedBy(jobs)).toNanos();
            while (allProbed.get() == 0 && System.nanoTime() < deadline && lg.isAlive()) {
                BenchFleet.sleep(Duration.ofMillis(5));
            }
            if (allProbed.get() == 0 && !lg.isAlive()) {
                List<String> log = Files.readAllLines(fleet.dir.resolve("launchguard.log"));
                System.out.printf(Locale.ROOT, "jobs=%d: launchguard exited %d after %.0f ms, before any probe; last log line:%n%s%n",
                        jobs, lg.exitValue(), (System.nanoTime() - startNanos) / 1e6,
                        log.isEmpty() ? "(none)" : log.get(log.size() - 1));
                // Exit 2 is launchguard refusing its configuration (a limit among them); anything else is it failing.
                return lg.exitValue() == 2 ? 3 : 4;
            }
            if (allProbed.get() == 0) {
                throw new IllegalStateException("not every job probed within " + START_BOUND + "; log: "
                        + fleet.dir.resolve("launchguard.log") + "\n" + Files.readString(fleet.dir.resolve("launchguard.log")));
            }
            long pid = jvmPid(lg);
            BenchFleet.sleep(settle.minus(Duration.ofNanos(System.nanoTime() - startNanos)));
            List<Long> rss = new ArrayList<>();
            long ticksBefore = cpuTicks(pid);
            long windowStart = System.nanoTime();
            for (int i = 0; i < RSS_WINDOW.toSeconds(); i++) {
                rss.add(status(pid, "VmRSS:"));
                BenchFleet.sleep(Duration.ofSeconds(1));
            }
            double cpu = (cpuTicks(pid) - ticksBefore) / TICKS_PER_SECOND / ((System.nanoTime() - windowStart) / 1e9);
            lg.toHandle().descendants().forEach(tree::add);
            long children = tree.stream().filter(h -> h.info().command().orElse("").endsWith("sleep")).count();
            rss.sort(Long::compare);
            System.out.println("command: " + String.join(" ", command.subList(0, command.size() - 3)) + " run --config X");
            System.out.printf(Locale.ROOT, "jobs=%d (running sleep children: %d), probe requests served: %d%n", jobs,
                    children, requests.get());
            System.out.printf(Locale.ROOT, "cold start -> first probe: %.0f ms; -> every job probed once: %.0f ms%n",
                    (firstProbe.get() - startNanos) / 1e6, (allProbed.get() - startNanos) / 1e6);
            System.out.printf(Locale.ROOT, "VmRSS after %d s, %d samples: median %.1f MiB, max %.1f MiB; VmHWM %.1f MiB; threads %d%n",
                    settle.toSeconds(), rss.size(), rss.get(rss.size() / 2) / 1024.0, rss.get(rss.size() - 1) / 1024.0,
                    status(pid, "VmHWM:") / 1024.0, status(pid, "Threads:"));
            System.out.printf(Locale.ROOT, "CPU over those %d s: %.1f%% of one core%n", RSS_WINDOW.toSeconds(), cpu * 100);
            return 0;
        } finally {
            target.stop(0);
            ((java.util.concurrent.ExecutorService) target.getExecutor()).shutdownNow();
            stop(lg, tree);
            fleet.delete();
        }
    }

    /** The launcher script execs java, so the process is the JVM; a wrapper that forks is followed to its java child. */
    private static long jvmPid(Process p) {
        if (p.info().command().orElse("").endsWith("java")) {
            return p.pid();
        }
        return p.toHandle().children().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst()
                .map(ProcessHandle::pid).orElse(p.pid());
    }

    /** utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces; count from after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** A numeric field of /proc/PID/status (kB for the Vm* fields). */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("process '" + pid + "' has no " + field + " line");
    }

    /** SIGTERM (launchguard boots every job out, verified), bounded; then SIGKILL whatever of its tree is left. */
    private static void stop(Process lg, List<ProcessHandle> tree) throws InterruptedException {
        long begin = System.nanoTime();
        lg.destroy();
        if (lg.waitFor(60, TimeUnit.SECONDS)) {
            System.out.printf(Locale.ROOT, "stop (SIGTERM -> exit, every job booted out): %.0f ms%n",
                    (System.nanoTime() - begin) / 1e6);
        } else {
            System.err.println("launchguard did not stop within 60 s of SIGTERM; killing it");
            lg.destroyForcibly().waitFor();
        }
        long left = tree.stream().filter(ProcessHandle::isAlive).peek(ProcessHandle::destroyForcibly).count();
        if (left > 0) {
            System.err.println("killed " + left + " job processes launchguard left behind");
        }
    }
}
