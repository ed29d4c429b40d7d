package dev.launchguard.bench.engine;

import dev.launchguard.engine.EmbeddedJobManager;
import dev.launchguard.job.JobEvents;
import dev.launchguard.job.JobStatus;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * kill -9 of a KeepAlive job that has run longer than its ThrottleInterval, N times: how long until
 * the engine has a new PID, and until the job's port accepts connections again.
 *
 * <p>Usage: {@code EngineRespawnBench [kills=200] [port=18931] [throttleSeconds=1]}. The job is
 * {@code python3 -m http.server --bind 127.0.0.1 PORT}. Times start at the SIGKILL; the new PID is
 * timestamped by the engine's listener right after the spawn returns.
 */
public final class EngineRespawnBench {

    /** Extra wait past the throttle before each kill, so every kill is of a run the throttle does not hold back. */
    private static final Duration PAST_THROTTLE = Duration.ofMillis(200);
    private static final long CONNECT_RETRY_NANOS = 200_000;

    private record Spawn(long pid, long nanos) {
    }

    private EngineRespawnBench() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 18931;
        Duration throttle = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 1);
        Path work = Files.createTempDirectory("engine-bench");
        String label = "bench.engine.http";
        LaunchdJob job = LaunchdJob.of(label, List.of(python(), "-m", "http.server", "--bind", "127.0.0.1",
                Integer.toString(port))).withKeepAlive(KeepAlive.forever()).withThrottleInterval(throttle)
                .withWorkingDirectory(work);
        Path plist = work.resolve(label + ".plist");
        Plists.write(job, plist);
        BlockingQueue<Spawn> spawns = new LinkedBlockingQueue<>();
        JobEvents listener = new JobEvents() {
            @Override
            public void spawned(String l, long pid) {
                spawns.add(new Spawn(pid, System.nanoTime()));
            }
        };
        long[] newPid = new long[kills];
        long[] accepting = new long[kills];
        try (EmbeddedJobManager engine = new EmbeddedJobManager(work.resolve("state"),
                Map.of(label, List.of(port)), listener, Clock.systemUTC(), System::nanoTime)) {
            engine.bootstrap(plist);
            Spawn current = spawns.take();
            awaitAccepting(port);
            for (int i = 0; i < kills; i++) {
                long ranFor = System.nanoTime() - current.nanos();
                long wait = throttle.plus(PAST_THROTTLE).toNanos() - ranFor;
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long killedAt = System.nanoTime();
                ProcessHandle.of(current.pid()).orElseThrow().destroyForcibly();
                Spawn next = spawns.poll(30, TimeUnit.SECONDS);
                if (next == null) {
                    throw new IllegalStateException("no respawn within 30 s after kill " + i);
                }
                newPid[i] = next.nanos() - killedAt;
                accepting[i] = awaitAccepting(port) - killedAt;
                current = next;
            }
            JobStatus status = engine.status(label);
            System.out.printf(Locale.ROOT, "kills=%d runs=%d throttle=%ss%n", kills, status.runs(), throttle.toSeconds());
        }
        report("new PID", newPid);
        report("port accepting", accepting);
    }

    /** Connects until the port accepts; returns the nanoTime of the first accepted connection. */
    private static long awaitAccepting(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return System.nanoTime();
            } catch (IOException refused) {
                LockSupport.parkNanos(CONNECT_RETRY_NANOS);
            }
        }
        throw new IllegalStateException("port " + port + " never accepted");
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-15s p50=%7.2f ms  p90=%7.2f ms  p99=%7.2f ms  max=%7.2f ms%n", what,
                ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile of a sorted array. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The real interpreter, not a pyenv shim script, so the job is one process. */
    private static String python() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String path = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0 || path.isEmpty()) {
            throw new IllegalStateException("python3 not found");
        }
        return path;
    }
}
