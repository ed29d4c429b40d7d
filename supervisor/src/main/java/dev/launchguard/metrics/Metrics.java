package dev.launchguard.metrics;

import dev.launchguard.health.HealthState;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.recovery.RestartReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
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
import java.util.concurrent.atomic.AtomicReference;

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
    private final Map<String, AtomicReference<HealthState>> states = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> quarantined = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> orphans = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> certExpiry = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> driftOk = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> squatters = new ConcurrentHashMap<>();
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

    public void probeFinished(String job, ProbeRole probe, ProbeResult result) {
        Timer.builder("launchguard.probe.duration")
                .description("Duration of one probe attempt, by job, probe role and outcome")
                .tags(Tags.of("job", job, "probe", probe.tag(), "outcome", result.outcome().tag()))
                .serviceLevelObjectives(PROBE_BUCKETS)
                .register(registry)
                .record(result.duration());
    }

    /** Registers a job's state gauges (once) and sets its current state. */
    public void jobState(String job, HealthState state) {
        states.computeIfAbsent(job, this::registerStateGauges).set(state);
    }

    private AtomicReference<HealthState> registerStateGauges(String job) {
        AtomicReference<HealthState> current = new AtomicReference<>(HealthState.STOPPED);
        for (HealthState s : HealthState.values()) {
            Gauge.builder("launchguard.job.state", current, c -> c.get() == s ? 1 : 0)
                    .description("1 for the job's current health state, 0 for the others")
                    .tags("job", job, "state", s.tag())
                    .register(registry);
        }
        Gauge.builder("launchguard.job.up", current, c -> c.get() == HealthState.READY ? 1 : 0)
                .description("1 when the job is ready to serve")
                .tags("job", job)
                .register(registry);
        return current;
    }

    /** A restart was seen (a crash) or issued (a wedge verdict, a manual kickstart). */
    public void restarted(String job, RestartReason reason) {
        Counter.builder("launchguard.restarts")
                .description("Restarts of a job, by reason (crash, wedge, manual)")
                .tags("job", job, "reason", reason.tag())
                .register(registry)
                .increment();
    }

    /**
     * A look at the job's process in the process table could not read it (no file descriptor left,
     * permission denied): no verdict was drawn from it.
     */
    public void evidenceUnknown(String job) {
        Counter.builder("launchguard.evidence.unknown")
                .description("Looks at a job's process that could not read the process table; no verdict drawn")
                .tags("job", job)
                .register(registry)
                .increment();
    }

    /** A respawn completed: from the moment the old instance stopped serving to the first ready answer. */
    public void respawned(String job, Duration latency) {
        Timer.builder("launchguard.respawn.duration")
                .description("Respawn latency: old instance stopped serving to new instance ready")
                .tags("job", job)
                .serviceLevelObjectives(RESPAWN_BUCKETS)
                .register(registry)
                .record(latency);
    }

    /** How long wedge detection took: first failed liveness probe's start to the verdict. */
    public void wedgeDetected(String job, Duration detection) {
        Timer.builder("launchguard.wedge.detection")
                .description("From the first failing liveness attempt to the wedge verdict")
                .tags("job", job)
                .serviceLevelObjectives(RESPAWN_BUCKETS)
                .register(registry)
                .record(detection);
    }

    public void quarantined(String job, boolean value) {
        gaugeInt(quarantined, "launchguard.quarantined", "job", job,
                "1 while the storm guard holds the job quarantined").set(value ? 1 : 0);
    }

    public void orphans(String job, int count) {
        gaugeInt(orphans, "launchguard.orphans", "job", job,
                "Processes of the job outside its current instance: tagged as the job's, or running its command line").set(count);
    }

    /** Foreign processes listening on the job's ports. */
    public void squatters(String job, int count) {
        gaugeInt(squatters, "launchguard.squatters", "job", job,
                "Processes listening on one of the job's ports that are neither its instance nor tagged as the job's")
                .set(count);
    }

    /** The stray watcher SIGKILLed an orphan of the job (reaping on). */
    public void orphanReaped(String job) {
        Counter.builder("launchguard.orphans.reaped")
                .description("Orphans of the job killed by the stray watcher")
                .tags("job", job)
                .register(registry)
                .increment();
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

    /** Drops the orphan and squatter gauges of jobs no longer supervised (removed at a reload). */
    public void retainStrayJobs(Set<String> jobs) {
        retain(orphans, jobs, "launchguard.orphans", "job");
        retain(squatters, jobs, "launchguard.squatters", "job");
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
