package dev.launchguard.bench.supervisor;

import com.sun.management.OperatingSystemMXBean;
import dev.launchguard.probe.Probe;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeSpec;
import dev.launchguard.probe.Prober;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probe engine alone: launchguard's {@link Prober} (2 event loops, native transport) probing
 * 100 real HTTP servers on 127.0.0.1 that run in a separate process ({@link LoopbackServers}).
 *
 * <p>An idle phase first (the prober's JVM doing nothing: its baseline CPU), then two phases, each
 * warmed up unmeasured first: <b>saturation</b>, every endpoint probed again as
 * soon as its last attempt finished (100 attempts in flight), and <b>paced</b>, every endpoint
 * probed every 500 ms (the default liveness interval: 200 probes/s for 100 jobs). For each: probes
 * per second, outcomes, attempt duration, and this process's CPU time per 1,000 probes
 * ({@code OperatingSystemMXBean.getProcessCpuTime}; the harness's own bookkeeping is included, so
 * it is an upper bound for the prober). Usage: {@code ProbeBench [endpoints=100] [seconds=15]}.
 */
public final class ProbeBench {

    /** The default liveness deadline and interval. */
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration WARMUP = Duration.ofSeconds(5);

    private record PhaseResult(String name, long probes, Duration wall, Duration cpu, Duration serverCpu,
            Map<String, Long> outcomes, Spread durations) {
    }

    private ProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        int endpoints = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 15);
        try (LoopbackServers.Spawned spawned = LoopbackServers.spawn(endpoints, 1);
                Prober prober = Prober.start(Prober.DEFAULT_THREADS, true, System::nanoTime)) {
            Process servers = spawned.process();
            List<Probe> probes = new ArrayList<>();
            for (int port : spawned.ports()) {
                probes.add(prober.probeFor(ProbeSpec.Http.get("http://127.0.0.1:" + port + "/healthz")));
            }
            System.out.println("prober transport=" + prober.transportName() + " event loops=" + Prober.DEFAULT_THREADS
                    + " endpoints=" + probes.size() + " deadline=" + TIMEOUT.toMillis() + " ms");
            List<PhaseResult> results = new ArrayList<>();
            Recorder idle = new Recorder(servers);
            BenchFleet.sleep(measure);
            results.add(idle.finish("idle (no probes: JVM baseline)"));
            saturate(probes, WARMUP, servers);
            results.add(saturate(probes, measure, servers));
            paced(probes, WARMUP, servers);
            results.add(paced(probes, measure, servers));
            print(results);
        }
    }

    /** Every endpoint re-probed as soon as its attempt completes, until {@code length} has passed. */
    private static PhaseResult saturate(List<Probe> probes, Duration length, Process servers) throws Exception {
        Recorder rec = new Recorder(servers);
        long end = System.nanoTime() + length.toNanos();
        ExecutorService driver = Executors.newSingleThreadExecutor(r -> new Thread(r, "probe-driver"));
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(probes.size());
        for (Probe p : probes) {
            driver.execute(() -> chain(p, end, rec, driver, done));
        }
        if (!done.await(length.toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("saturation phase did not finish");
        }
        driver.shutdown();
        return rec.finish("saturation (100 in flight)");
    }

    private static void chain(Probe p, long end, Recorder rec, ExecutorService driver,
            java.util.concurrent.CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        p.attempt(TIMEOUT).thenAcceptAsync(r -> {
            rec.add(r);
            chain(p, end, rec, driver, done);
        }, driver);
    }

    /** Every endpoint probed every {@link #INTERVAL}, staggered, like 100 watchers at the default policy. */
    private static PhaseResult paced(List<Probe> probes, Duration length, Process servers) throws Exception {
        Recorder rec = new Recorder(servers);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "probe-pacer"));
        long step = INTERVAL.toNanos() / probes.size();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            timer.scheduleAtFixedRate(() -> p.attempt(TIMEOUT).thenAccept(rec::add), i * step, INTERVAL.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        BenchFleet.sleep(length);
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
        BenchFleet.sleep(TIMEOUT); // let the last attempts finish inside the measured CPU window
        return rec.finish("paced (100 × every 500 ms)");
    }

    /** Counts outcomes and durations; CPU and wall time from its creation to {@link #finish}. */
    private static final class Recorder {
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final Process servers;
        private final long startWall = System.nanoTime();
        private final long startCpu = os.getProcessCpuTime();
        private final Duration startServerCpu;
        private final AtomicLong count = new AtomicLong();
        private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        private final List<Duration> durations = Collections.synchronizedList(new ArrayList<>());

        Recorder(Process servers) {
            this.servers = servers;
            this.startServerCpu = serverCpu(servers);
        }

        void add(ProbeResult r) {
            count.incrementAndGet();
            outcomes.computeIfAbsent(r.outcome().tag(), k -> new AtomicLong()).incrementAndGet();
            durations.add(r.duration());
        }

        PhaseResult finish(String name) {
            Duration wall = Duration.ofNanos(System.nanoTime() - startWall);
            Duration cpu = Duration.ofNanos(os.getProcessCpuTime() - startCpu);
            Map<String, Long> o = new TreeMap<>();
            outcomes.forEach((k, v) -> o.put(k, v.get()));
            List<Duration> copy;
            synchronized (durations) {
                copy = new ArrayList<>(durations);
            }
            return new PhaseResult(name, count.get(), wall, cpu, serverCpu(servers).minus(startServerCpu), o,
                    Spread.of(name + ": attempt duration", copy));
        }

        private static Duration serverCpu(Process p) {
            return p.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }

    private static void print(List<PhaseResult> results) {
        System.out.println();
        System.out.println("| phase | probes | probes/s | prober CPU s | CPU s per 1,000 probes | prober cores | server CPU s | outcomes |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (PhaseResult r : results) {
            double wall = r.wall().toNanos() / 1e9;
            double cpu = r.cpu().toNanos() / 1e9;
            String perThousand = r.probes() == 0 ? "–" : String.format(Locale.ROOT, "%.3f", cpu / r.probes() * 1000);
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f | %s | %.2f | %.2f | %s |%n", r.name(), r.probes(),
                    r.probes() / wall, cpu, perThousand, cpu / wall, r.serverCpu().toNanos() / 1e9, r.outcomes());
        }
        System.out.println();
        System.out.println(Spread.header());
        results.stream().filter(r -> r.probes() > 0).forEach(r -> System.out.println(r.durations().row()));
    }
}
