package dev.launchguard.metrics;

import dev.launchguard.health.HealthState;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.recovery.RestartReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Every launchguard metric, defined in one place and recorded through intent methods, so the rest
 * of the code never sees Micrometer. Names are dotted here; the Prometheus registry adds the unit
 * and {@code _total} suffixes ({@code launchguard.restarts} is scraped as
 * {@code launchguard_restarts_total}). Tag values are labels, roles, outcomes and reasons: never a
 * PID, URL or message.
 */
public final class Metrics implements AutoCloseable {

    /** The respawn target: a bucket boundary sits exactly on it. */
    public static final Duration RESPAWN_TARGET = Duration.ofSeconds(15);

    private static final Duration[] RESPAWN_BUCKETS = {
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        RESPAWN_TARGET, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};
    private static final Duration[] PROBE_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry;
    private final Map<String, JobMeters> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> certExpiry = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> driftOk = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> uptimeUp = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> uptimeNanos = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * Micrometer's processor meters that {@code promtool check metrics} rejects:
     * {@code process.cpu.time} counts nanoseconds (scraped as {@code process_cpu_time_ns_total}, an
     * abbreviated unit) and the {@code system.cpu.count} gauge ends in {@code _count}, a suffix
     * reserved for histograms and summaries. The CPU time is exported in seconds under Prometheus's
     * conventional name instead; the host's CPU count is not launchguard's to report.
     */
    private static final Set<String> NOT_PROMETHEUS_CLEAN = Set.of("process.cpu.time", "system.cpu.count");

    public Metrics() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(id -> NOT_PROMETHEUS_CLEAN.contains(id.getName())));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, b -> b.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time used by the launchguard process").register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        BuildInfo build = BuildInfo.current();
        Gauge.builder("launchguard.build.info", () -> 1)
                .description("1, tagged with the version and revision launchguard was built from and the Java it runs on")
                .tags("version", build.version(), "revision", build.revision(), "java_version", build.javaVersion())
                .register(registry);
    }

    /** The registry, for binding library meters (resilience4j) in their own packages. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /**
     * Registers every series of a job at zero (state STOPPED): called when the job is configured, at
     * start and at a reload that adds or changes it. For a job already configured only its probe
     * roles are brought up to date; its counters keep counting.
     */
    public void jobConfigured(String label, Set<ProbeRole> roles) {
        jobs.compute(label, (l, existing) -> {
            if (existing == null) {
                return new JobMeters(l, roles, registry, RESPAWN_BUCKETS, PROBE_BUCKETS);
            }
            existing.roles(roles, PROBE_BUCKETS);
            return existing;
        });
    }

    /** Removes every series of a job no longer configured (a reload that drops it). */
    public void jobRemoved(String label) {
        JobMeters gone = jobs.remove(label);
        if (gone != null) {
            gone.remove();
        }
    }

    /** Records a probe attempt: its duration under its role, and its outcome. */
    public void probeFinished(String label, ProbeRole probe, ProbeResult result) {
        on(label, m -> m.probe(probe, result, PROBE_BUCKETS));
    }

    /** Sets the job's current state. */
    public void jobState(String label, HealthState state) {
        on(label, m -> m.state(state));
    }

    /** A restart was seen (a crash) or issued (a wedge verdict, a manual kickstart) {@code at}. */
    public void restarted(String label, RestartReason reason, Instant at) {
        on(label, m -> m.restarted(reason, at));
    }

    /** The host restart budget deferred a restart of the job. */
    public void restartDeferred(String label) {
        on(label, JobMeters::deferred);
    }

    /** An instance of the job was seen starting (spawned, or adopted) {@code at}. */
    public void jobStarted(String label, Instant at) {
        on(label, m -> m.started(at));
    }

    /**
     * A look at the job's process in the process table could not read it (no file descriptor left,
     * permission denied): no verdict was drawn from it.
     */
    public void evidenceUnknown(String label) {
        on(label, JobMeters::evidenceUnknown);
    }

    /** A respawn completed: from the moment the old instance stopped serving to the first ready answer. */
    public void respawned(String label, Duration latency) {
        on(label, m -> m.respawned(latency));
    }

    /** How long wedge detection took: first failed liveness probe's start to the verdict. */
    public void wedgeDetected(String label, Duration detection) {
        on(label, m -> m.wedgeDetected(detection));
    }

    public void quarantined(String label, boolean value) {
        on(label, m -> m.quarantined(value));
    }

    public void orphans(String label, int count) {
        on(label, m -> m.orphans(count));
    }

    /** Foreign processes listening on the job's ports. */
    public void squatters(String label, int count) {
        on(label, m -> m.squatters(count));
    }

    /** The stray watcher SIGKILLed an orphan of the job (reaping on). */
    public void orphanReaped(String label) {
        on(label, JobMeters::orphanReaped);
    }

    /**
     * A job not configured, or removed by a reload, records nothing: a late call from a watcher
     * still closing, or from the stray watcher's last sweep, must not bring its series back.
     */
    private void on(String label, Consumer<JobMeters> record) {
        JobMeters m = jobs.get(label);
        if (m != null) {
            record.accept(m);
        }
    }

    /**
     * The host restart budget, read at each scrape: how many restarts launchguard may still issue
     * in the current window, and the budget's size.
     */
    public void hostBudget(IntSupplier remaining, int size) {
        Gauge.builder("launchguard.host.budget.remaining", remaining, IntSupplier::getAsInt)
                .description("Restarts launchguard may still issue within the host restart budget's window")
                .register(registry);
        Gauge.builder("launchguard.host.budget.size", () -> size)
                .description("The host restart budget: restarts launchguard may issue within its window")
                .register(registry);
    }

    public void driftCheck(String check, boolean ok) {
        gaugeInt(driftOk, "launchguard.drift.check.ok", "check", check, "1 when the drift assertion holds").set(ok ? 1 : 0);
    }

    /** Drops the gauges of drift checks no longer in the drift file (or of every check, given none). */
    public void retainDriftChecks(Set<String> checks) {
        retain(driftOk, checks, "launchguard.drift.check.ok", "check");
    }

    /** One ask of an uptime target: up or down, and how long the answer took (every hop). */
    public void uptime(String target, boolean up, Duration responseTime) {
        gaugeInt(uptimeUp, "launchguard.uptime.up", "target", target,
                "1 when the uptime target answered as expected at its last ask").set(up ? 1 : 0);
        uptimeNanos.computeIfAbsent(target, t -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("launchguard.uptime.response.time", v, n -> n.get() / 1e9)
                    .description("How long the uptime target's last ask took, redirects included")
                    .baseUnit("seconds")
                    .tags("target", t)
                    .register(registry);
            return v;
        }).set(responseTime.toNanos());
    }

    public void tlsCertExpiry(String target, Instant notAfter) {
        certExpiry.computeIfAbsent(target, t -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder("launchguard.tls.cert.expiry.timestamp", v, AtomicLong::get)
                    .description("Earliest certificate expiry in the served chain, Unix seconds")
                    .baseUnit("seconds")
                    .tags("target", t)
                    .register(registry);
            return v;
        }).set(notAfter.getEpochSecond());
    }

    /** Drops the gauges of uptime targets no longer in the uptime file (or of every target, given none). */
    public void retainUptimeTargets(Set<String> targets) {
        retain(uptimeUp, targets, "launchguard.uptime.up", "target");
        retain(uptimeNanos, targets, "launchguard.uptime.response.time", "target");
        retain(certExpiry, targets, "launchguard.tls.cert.expiry.timestamp", "target");
    }

    private void retain(Map<String, ?> values, Set<String> keep, String name, String tagKey) {
        for (String value : Set.copyOf(values.keySet())) {
            if (!keep.contains(value)) {
                values.remove(value);
                registry.find(name).tag(tagKey, value).meters().forEach(registry::remove);
            }
        }
    }

    private AtomicInteger gaugeInt(Map<String, AtomicInteger> map, String name, String tagKey, String tagValue,
            String description) {
        return map.computeIfAbsent(tagValue, v -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).description(description).tags(tagKey, v).register(registry);
            return value;
        });
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
