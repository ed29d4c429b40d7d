package dev.launchguard.supervisor;

import dev.launchguard.alert.SupervisorEvents;
import dev.launchguard.config.JobConfig;
import dev.launchguard.fleet.ProbeView;
import dev.launchguard.health.HealthState;
import dev.launchguard.health.ProcessEvidence;
import dev.launchguard.health.ProcessSample;
import dev.launchguard.health.WedgeVerdict;
import dev.launchguard.health.WedgeJudge;
import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * READY and SUSPECT: one liveness attempt per tick, and the verdict from its result and the
 * process; readiness, when configured, on its own schedule, where it is recorded and never
 * restarts anything.
 */
final class LivenessPhase {

    /** The watcher's logger: a job's whole story reads under one name, whichever phase tells it. */
    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);

    private final JobConfig config;
    private final JobState job;
    private final TickChain ticks;
    private final JobProbes probes;
    private final RecoveryPhase recovery;
    private final ProcessLooks looks;
    private final WedgeJudge judge;
    private final SupervisorEvents events;

    LivenessPhase(JobConfig config, JobState job, TickChain ticks, JobProbes probes, RecoveryPhase recovery,
            ProcessLooks looks, WedgeJudge judge, SupervisorEvents events) {
        this.config = config;
        this.job = job;
        this.ticks = ticks;
        this.probes = probes;
        this.recovery = recovery;
        this.looks = looks;
        this.judge = judge;
        this.events = events;
    }

    void tick() {
        long tickStart = job.nanos();
        if (looks.gone(job.pid)) {
            recovery.processGone("process " + job.pid + " is gone");
            return;
        }
        long attemptNanos = job.nanos();
        long attemptEpoch = ticks.epoch();
        probes.liveness().attempt(config.liveness().timeout()).thenAcceptAsync(ticks.guarded(r -> {
            if (!ticks.current(attemptEpoch)) {
                return;
            }
            if (job.state == HealthState.READY || job.state == HealthState.SUSPECT) {
                answered(r, attemptNanos);
            }
            ticks.laterUnlessPending(job.remaining(config.liveness().interval(), tickStart));
        }), ticks.executor());
    }

    private void answered(ProbeResult r, long attemptNanos) {
        if (r.up()) {
            job.record(ProbeRole.LIVENESS, r, 0);
            job.livenessFailures = 0;
            if (job.state == HealthState.SUSPECT && ++job.suspectSuccesses >= config.liveness().successThreshold()) {
                log.info("Liveness answers again job={}", config.label());
                job.resetLiveness();
                job.move(HealthState.READY);
            }
            if (job.state == HealthState.READY) {
                // A ready answer: counts toward resolving a quarantine or failed-restart alert.
                events.ready(config.label());
            }
            return;
        }
        job.suspectSuccesses = 0;
        job.livenessFailures++;
        job.record(ProbeRole.LIVENESS, r, job.livenessFailures);
        if (job.livenessFailures == 1) {
            job.firstFailureNanos = attemptNanos;
        }
        ProcessEvidence.Sample sample = looks.sample(job.pid);
        if (sample instanceof ProcessEvidence.Gone) {
            recovery.processGone("process " + job.pid + " is gone");
            return;
        }
        // Unknown: the failure counts toward the threshold, but no verdict, and no CPU window opens.
        WedgeVerdict v = sample instanceof ProcessEvidence.Alive alive ? verdict(r, alive.sample())
                : new WedgeVerdict(WedgeVerdict.Kind.WAIT, "process evidence unknown");
        if (v.isWedged()) {
            recovery.wedged(v.evidence(), job.since(job.firstFailureNanos));
            return;
        }
        if (job.state == HealthState.READY) {
            log.debug("Liveness failing job={} outcome={} detail={}", config.label(), r.outcome().tag(), r.detail());
            job.move(HealthState.SUSPECT);
        }
        if (v.kind() == WedgeVerdict.Kind.GRACE && !job.graceLogged) {
            job.graceLogged = true;
            log.info("Liveness failing but process busy, giving grace job={} evidence=\"{}\"", config.label(), v.evidence());
        }
    }

    /**
     * The verdict on failing liveness from a readable sample. The case's CPU window opens at its
     * first readable sample: when the samples before were unknown, this one opens it and the verdict
     * waits for the next (a window of no time reads as no CPU progress), unless the process is stopped.
     */
    private WedgeVerdict verdict(ProbeResult r, ProcessSample now) {
        boolean opening = job.firstFailure == null;
        if (opening) {
            job.firstFailure = now;
        }
        if (opening && job.livenessFailures > 1 && !now.stopped()) {
            return new WedgeVerdict(WedgeVerdict.Kind.WAIT, "process evidence readable again; CPU measured from now");
        }
        boolean answered = r.outcome() == Outcome.DOWN;
        return judge.liveness(job.livenessFailures, config.liveness().failureThreshold(), answered,
                job.firstFailure, now, config.recovery().overloadGrace());
    }

    /** One readiness attempt, on the readiness loop's schedule; recorded, never a verdict. */
    void readinessTick() {
        if (ticks.closed() || (job.state != HealthState.READY && job.state != HealthState.SUSPECT)) {
            return;
        }
        probes.readiness().orElseThrow().attempt(config.readiness().orElseThrow().timeout())
                .thenAcceptAsync(ticks.guarded(r -> {
                    ProbeView last = job.history().lastProbes().get(ProbeRole.READINESS);
                    int failures = r.up() ? 0 : last == null ? 1 : last.consecutiveFailures() + 1;
                    job.record(ProbeRole.READINESS, r, failures);
                }), ticks.executor());
    }
}
