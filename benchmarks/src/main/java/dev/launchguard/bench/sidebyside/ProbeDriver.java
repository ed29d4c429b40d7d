package dev.launchguard.bench.sidebyside;

import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.Probe;
import dev.launchguard.probe.ProbeSpec;
import dev.launchguard.probe.Prober;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The one load generator for both probe engines, run as its own JVM: it asks for HTTP probes of
 * the loopback endpoints, round robin, either through launchguard's {@link Prober} in this JVM (the
 * probe engine is this process) or through blackbox_exporter's {@code /probe?module=http_2xx}
 * (the engine is the exporter's process). Each trial is a <b>paced</b> phase (a fixed rate, as
 * supervising jobs at an interval does) and a <b>saturation</b> phase (a fixed number of probes in
 * flight, each re-issued as soon as it ends); one unmeasured saturation phase warms up first.
 *
 * <p>Usage: {@code ProbeDriver launchguard|blackbox ENGINE_PID EXPORTER_URL RATE PHASE_SECONDS
 * IN_FLIGHT TRIALS PORT,PORT,...} (ENGINE_PID 0 = this process). Prints {@code idle ...} once, then
 * one {@code result ...} line of {@code key=value} pairs per phase, then {@code done}.
 */
public final class ProbeDriver {

    /** launchguard's default liveness deadline; blackbox's module gets the same timeout. */
    static final Duration DEADLINE = Duration.ofMillis(300);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration RSS_SAMPLE = Duration.ofMillis(100);

    private final IntFunction<CompletableFuture<Boolean>> probe;
    private final long enginePid;
    private final int[] ports;
    private final ExecutorService chain = Executors.newSingleThreadExecutor(r -> new Thread(r, "probe-chain"));

    private ProbeDriver(IntFunction<CompletableFuture<Boolean>> probe, long enginePid, int[] ports) {
        this.probe = probe;
        this.enginePid = enginePid;
        this.ports = ports;
    }

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        long pid = Long.parseLong(args[1]) == 0 ? ProcessHandle.current().pid() : Long.parseLong(args[1]);
        double rate = Double.parseDouble(args[3]);
        Duration phase = Duration.ofSeconds(Long.parseLong(args[4]));
        int inFlight = Integer.parseInt(args[5]);
        int trials = Integer.parseInt(args[6]);
        int[] ports = Arrays.stream(args[7].split(",")).mapToInt(Integer::parseInt).toArray();
        Prober prober = engine.equals("launchguard") ? Prober.start() : null;
        try {
            ProbeDriver d = new ProbeDriver(prober != null ? viaProber(prober, ports) : viaExporter(args[2]), pid, ports);
            TimeUnit.NANOSECONDS.sleep(IDLE.toNanos());
            System.out.println("idle rss_kib=" + Proc.rssKib(pid));
            d.saturate(inFlight, phase);
            for (int t = 1; t <= trials; t++) {
                print("paced", t, d.paced(rate, phase));
                print("saturation", t, d.saturate(inFlight, phase));
            }
            System.out.println("done");
            d.chain.shutdownNow();
        } finally {
            if (prober != null) {
                prober.close();
            }
        }
    }

    private static IntFunction<CompletableFuture<Boolean>> viaProber(Prober prober, int[] ports) {
        Map<Integer, Probe> probes = new HashMap<>();
        for (int port : ports) {
            probes.put(port, prober.probeFor(ProbeSpec.Http.get("http://127.0.0.1:" + port + "/healthz")));
        }
        return port -> probes.get(port).attempt(DEADLINE).thenApply(r -> r.outcome() == Outcome.UP);
    }

    private static IntFunction<CompletableFuture<Boolean>> viaExporter(String exporter) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return port -> {
            String target = URLEncoder.encode("http://127.0.0.1:" + port + "/healthz", StandardCharsets.UTF_8);
            HttpRequest req = HttpRequest.newBuilder(URI.create(exporter + "/probe?module=http_2xx&target=" + target))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return client.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                    .thenApply(res -> res.statusCode() == 200 && res.body().contains("\nprobe_success 1"))
                    .exceptionally(e -> false);
        };
    }

    /** One probe every 1/rate s, round robin over the endpoints. */
    private Phase paced(double rate, Duration length) throws InterruptedException {
        Phase phase = new Phase();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "probe-pacer"));
        AtomicLong next = new AtomicLong();
        pacer.scheduleAtFixedRate(() -> phase.track(probe.apply(ports[(int) (next.getAndIncrement() % ports.length)])),
                0, (long) (1e9 / rate), TimeUnit.NANOSECONDS);
        phase.sampleUntil(System.nanoTime() + length.toNanos());
        pacer.shutdownNow();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        return phase.finish();
    }

    /** {@code inFlight} chains, each issuing its next probe as soon as the last one ended. */
    private Phase saturate(int inFlight, Duration length) throws InterruptedException {
        Phase phase = new Phase();
        long end = System.nanoTime() + length.toNanos();
        CountDownLatch done = new CountDownLatch(inFlight);
        for (int c = 0; c < inFlight; c++) {
            int first = c;
            chain.execute(() -> next(phase, first, end, done));
        }
        phase.sampleUntil(end);
        if (!done.await(length.toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("saturation phase did not end");
        }
        return phase.finish();
    }

    private void next(Phase phase, int i, long end, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        phase.track(probe.apply(ports[i % ports.length]))
                .whenCompleteAsync((ok, e) -> next(phase, i + 1, end, done), chain);
    }

    private static void print(String name, int trial, Phase p) {
        System.out.printf(Locale.ROOT, "result phase=%s trial=%d probes=%d ok=%d wall_ms=%d engine_cpu_ms=%d "
                + "driver_cpu_ms=%d rss_max_kib=%d%n", name, trial, p.probes, p.ok, p.wallMillis, p.engineCpuMillis,
                p.driverCpuMillis, p.rssMaxKib);
        System.out.flush();
    }

    /** Counts of one phase, CPU of the engine and of this driver over it, the engine's peak RSS. */
    private final class Phase {
        private final long self = ProcessHandle.current().pid();
        private final long startWall = System.nanoTime();
        private final Duration startEngineCpu = Proc.cpu(enginePid);
        private final Duration startDriverCpu = Proc.cpu(self);
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong succeeded = new AtomicLong();
        private final AtomicLong pending = new AtomicLong();
        private long probes;
        private long ok;
        private long wallMillis;
        private long engineCpuMillis;
        private long driverCpuMillis;
        private long rssMaxKib;

        CompletableFuture<Boolean> track(CompletableFuture<Boolean> attempt) {
            pending.incrementAndGet();
            return attempt.whenComplete((up, e) -> {
                done.incrementAndGet();
                if (Boolean.TRUE.equals(up)) {
                    succeeded.incrementAndGet();
                }
                pending.decrementAndGet();
            });
        }

        void sampleUntil(long end) throws InterruptedException {
            while (System.nanoTime() < end) {
                rssMaxKib = Math.max(rssMaxKib, Proc.rssKib(enginePid));
                TimeUnit.NANOSECONDS.sleep(Math.min(RSS_SAMPLE.toNanos(), Math.max(0, end - System.nanoTime())));
            }
        }

        /** Waits (bounded) for the attempts still in flight, so their CPU is inside the window. */
        Phase finish() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (pending.get() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            probes = done.get();
            ok = succeeded.get();
            wallMillis = (System.nanoTime() - startWall) / 1_000_000;
            engineCpuMillis = Proc.cpu(enginePid).minus(startEngineCpu).toMillis();
            driverCpuMillis = Proc.cpu(self).minus(startDriverCpu).toMillis();
            return this;
        }
    }
}
