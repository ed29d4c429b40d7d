package dev.launchguard.metrics;

import dev.launchguard.health.HealthState;
import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.recovery.RestartReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every series of one job, registered at zero when the job is configured and removed with it, so
 * {@code rate()} and {@code increase()} see a job's first event and no series outlives its job.
 * The Label is the tag {@code label}: {@code job} and {@code instance} are Prometheus's own.
 */
final class JobMeters {

    /** The tag carrying the launchd Label. */
    static final String LABEL = "label";
    /** The reasons {@code launchguard_restarts_total} counts, each exported from 0. */
    static final Set<RestartReason> COUNTED = EnumSet.of(RestartReason.CRASH, RestartReason.WEDGE, RestartReason.MANUAL);

    private final String label;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final AtomicReference<HealthState> state = new AtomicReference<>(HealthState.STOPPED);
    private final Map<RestartReason, Counter> restarts = new EnumMap<>(RestartReason.class);
    private final Counter deferred;
    private final Timer respawn;
    private final Timer wedgeDetection;
    private final Map<ProbeRole, ProbeMeters> probes = new EnumMap<>(ProbeRole.class);
    private final AtomicInteger quarantined = new AtomicInteger();
    private final Counter evidenceUnknown;
    private final AtomicInteger orphans = new AtomicInteger();
    private final AtomicInteger squatters = new AtomicInteger();
    private final Counter orphansReaped;
    private final AtomicLong startMillis = new AtomicLong();
    private final AtomicLong lastRestartMillis = new AtomicLong();
    /** Set by {@link #remove()}: a late call from a watcher still closing registers nothing again. */
    private boolean removed;

    /** One probe role's duration histogram and its attempts by outcome. */
    private record ProbeMeters(Timer duration, Map<Outcome, Counter> outcomes) {
    }

    JobMeters(String label, Set<ProbeRole> roles, MeterRegistry registry, Duration[] respawnBuckets,
            Duration[] probeBuckets) {
        this.label = label;
        this.registry = registry;
        for (HealthState s : HealthState.values()) {
            add(Gauge.builder("launchguard.job.state", state, c -> c.get() == s ? 1 : 0)
                    .description("1 for the job's current health state, 0 for the others")
                    .tags(LABEL, label, "state", s.tag()).register(registry));
        }
        add(Gauge.builder("launchguard.job.up", state, c -> c.get() == HealthState.READY ? 1 : 0)
                .description("1 when the job is ready to serve").tags(LABEL, label).register(registry));
        COUNTED.forEach(this::restartCounter);
        deferred = add(Counter.builder("launchguard.restarts.deferred")
                .description("Restarts of the job the host restart budget deferred").tags(LABEL, label).register(registry));
        respawn = add(Timer.builder("launchguard.respawn.duration")
                .description("Respawn latency: old instance stopped serving to new instance ready")
                .tags(LABEL, label).serviceLevelObjectives(respawnBuckets).register(registry));
        wedgeDetection = add(Timer.builder("launchguard.wedge.detection")
                .description("From the first failing liveness attempt to the wedge verdict")
                .tags(LABEL, label).serviceLevelObjectives(respawnBuckets).register(registry));
        roles.forEach(r -> probes.put(r, probeMeters(r, probeBuckets)));
        gauge("launchguard.quarantined", quarantined, "1 while the storm guard holds the job quarantined");
        evidenceUnknown = add(Counter.builder("launchguard.evidence.unknown")
                .description("Looks at a job's process that could not read the process table; no verdict drawn")
                .tags(LABEL, label).register(registry));
        gauge("launchguard.orphans", orphans, "Processes of the job outside its current instance: tagged as the "
                + "job's, or running its command line");
        gauge("launchguard.squatters", squatters, "Processes listening on one of the job's ports that are neither "
                + "its instance nor tagged as the job's");
        orphansReaped = add(Counter.builder("launchguard.orphans.reaped")
                .description("Orphans of the job killed by the stray watcher").tags(LABEL, label).register(registry));
        timestamp("launchguard.job.start.time", startMillis,
                "When the job's current or last instance started, Unix seconds; 0 until one was seen");
        timestamp("launchguard.job.last.restart.time", lastRestartMillis,
                "When the job's last restart counted in launchguard_restarts_total happened, Unix seconds; 0 until the first");
    }

    private Counter restartCounter(RestartReason reason) {
        return restarts.computeIfAbsent(reason, r -> add(Counter.builder("launchguard.restarts")
                .description("Restarts of a job, by reason (crash, wedge, manual)")
                .tags(LABEL, label, "reason", r.tag()).register(registry)));
    }

    private ProbeMeters probeMeters(ProbeRole role, Duration[] buckets) {
        Timer duration = add(Timer.builder("launchguard.probe.duration")
                .description("Duration of one probe attempt, by job and probe role")
                .tags(LABEL, label, "probe", role.tag()).serviceLevelObjectives(buckets).register(registry));
        Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, add(Counter.builder("launchguard.probes")
                    .description("Probe attempts, by job, probe role and outcome")
                    .tags(LABEL, label, "probe", role.tag(), "outcome", o.tag()).register(registry)));
        }
        return new ProbeMeters(duration, outcomes);
    }

    private void gauge(String name, AtomicInteger value, String description) {
        add(Gauge.builder(name, value, AtomicInteger::get).description(description).tags(LABEL, label)
                .register(registry));
    }

    private void timestamp(String name, AtomicLong millis, String description) {
        add(Gauge.builder(name, millis, m -> m.get() / 1000.0).description(description).baseUnit("seconds")
                .tags(LABEL, label).register(registry));
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    /**
     * The probe roles the job has now: new roles are registered at zero; roles it no longer has
     * are removed. Every other series keeps counting.
     */
    synchronized void roles(Set<ProbeRole> roles, Duration[] buckets) {
        if (removed) {
            return;
        }
        for (ProbeRole role : Set.copyOf(probes.keySet())) {
            if (!roles.contains(role)) {
                ProbeMeters gone = probes.remove(role);
                remove(gone.duration());
                gone.outcomes().values().forEach(this::remove);
            }
        }
        roles.forEach(r -> probes.computeIfAbsent(r, x -> probeMeters(x, buckets)));
    }

    private void remove(Meter meter) {
        meters.remove(meter);
        registry.remove(meter);
    }

    void state(HealthState next) {
        state.set(next);
    }

    synchronized void probe(ProbeRole role, ProbeResult result, Duration[] buckets) {
        if (removed) {
            return;
        }
        ProbeMeters m = probes.computeIfAbsent(role, r -> probeMeters(r, buckets));
        m.duration().record(result.duration());
        m.outcomes().get(result.outcome()).increment();
    }

    synchronized void restarted(RestartReason reason, Instant at) {
        if (removed) {
            return;
        }
        restartCounter(reason).increment();
        lastRestartMillis.set(at.toEpochMilli());
    }

    void deferred() {
        deferred.increment();
    }

    void started(Instant at) {
        startMillis.set(at.toEpochMilli());
    }

    void respawned(Duration latency) {
        respawn.record(latency);
    }

    void wedgeDetected(Duration detection) {
        wedgeDetection.record(detection);
    }

    void quarantined(boolean value) {
        quarantined.set(value ? 1 : 0);
    }

    void evidenceUnknown() {
        evidenceUnknown.increment();
    }

    void orphans(int count) {
        orphans.set(count);
    }

    void squatters(int count) {
        squatters.set(count);
    }

    void orphanReaped() {
        orphansReaped.increment();
    }

    /** Removes every series of the job from the registry. */
    synchronized void remove() {
        removed = true;
        meters.forEach(registry::remove);
        meters.clear();
        probes.clear();
    }
}
