package dev.launchguard.recovery;

import dev.launchguard.config.RestartBudget;
import dev.launchguard.config.StormPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a restart may happen: a resilience4j circuit breaker per job label (K restarts
 * within W opens it: the job is quarantined; after the backoff one retry is let through, half-open)
 * and one host-wide budget for all jobs.
 *
 * <p>Every restart is recorded as a breaker "failure"; a recovery that held is recorded as a
 * success, which closes a half-open breaker. With a time-based window of W seconds, a minimum of K
 * calls and a 100% failure threshold, the breaker opens exactly when K restarts fall within W.
 */
public final class StormGuard {

    private static final Logger log = LoggerFactory.getLogger(StormGuard.class);

    private final CircuitBreakerRegistry breakers;
    private final HostBudget host;
    private final Clock clock;
    private final java.util.Set<String> trials = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<String, StormPolicy> policies = new java.util.concurrent.ConcurrentHashMap<>();

    public StormGuard(RestartBudget hostBudget, Clock clock, MeterRegistry meters) {
        this.breakers = CircuitBreakerRegistry.ofDefaults();
        this.host = new HostBudget(hostBudget, clock);
        this.clock = clock;
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /** Registers a job with its policy; its label is the breaker's name. */
    public void register(String label, StormPolicy policy) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) Math.max(1, policy.window().toSeconds()))
                .minimumNumberOfCalls(policy.maxRestarts())
                .failureRateThreshold(100)
                .waitDurationInOpenState(policy.backoff())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(clock)
                .currentTimestampFunction(Clock::millis, TimeUnit.MILLISECONDS)
                .build();
        breakers.remove(label);
        trials.remove(label);
        policies.put(label, policy);
        breakers.circuitBreaker(label, config);
    }

    /**
     * Forgets the job's restarts, as an operator's reset or enable asks: a quarantine's open breaker
     * closes, a pending trial is dropped, and the next storm is counted from zero. The host budget
     * keeps what it spent: it limits the whole machine, not this job.
     */
    public void reset(String label) {
        StormPolicy policy = policies.get(label);
        if (policy != null) {
            register(label, policy);
            log.info("Storm guard reset by the operator job={}", label);
        }
    }

    /**
     * Asks whether the job may be restarted now, and if so counts the restart. {@code launchguardInitiated}
     * is false for a crash the job manager respawns by itself: that restart is counted, but the host
     * budget (which only limits launchguard's own kills) is not charged.
     */
    public RestartDecision beforeRestart(String label, boolean launchguardInitiated) {
        CircuitBreaker breaker = breakers.circuitBreaker(label);
        if (trials.remove(label)) {
            // The half-open retry did not hold: back to quarantine for another backoff.
            breaker.onError(0, TimeUnit.MILLISECONDS, new RestartCounted(label));
            log.error("Quarantine retry failed, quarantining again job={}", label);
            return RestartDecision.QUARANTINE;
        }
        if (!breaker.tryAcquirePermission()) {
            return RestartDecision.QUARANTINE;
        }
        if (launchguardInitiated && !host.tryTake()) {
            breaker.releasePermission();
            log.warn("Host restart budget spent, deferring restart job={} used={}", label, host.used());
            return RestartDecision.DEFERRED;
        }
        if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
            // The one trial restart after the backoff; recovered() or the next restart decides it.
            trials.add(label);
            return RestartDecision.ALLOWED;
        }
        breaker.onError(0, TimeUnit.MILLISECONDS, new RestartCounted(label));
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            log.error("Storm guard tripped, quarantining job={} restarts={}", label,
                    breaker.getMetrics().getNumberOfFailedCalls());
            return RestartDecision.QUARANTINE;
        }
        return RestartDecision.ALLOWED;
    }

    /** The job became ready after a restart: a pending half-open trial succeeded and the breaker closes. */
    public void recovered(String label) {
        if (trials.remove(label)) {
            breakers.circuitBreaker(label).onSuccess(0, TimeUnit.MILLISECONDS);
            log.info("Quarantine retry held, job released job={}", label);
        }
    }

    /** True once a quarantined job's backoff is over, so one trial restart may go through. */
    public boolean retryDue(String label) {
        CircuitBreaker breaker = breakers.circuitBreaker(label);
        if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
            return true;
        }
        if (breaker.getState() == CircuitBreaker.State.OPEN && breaker.tryAcquirePermission()) {
            // The breaker moved to half-open; give the permission back for beforeRestart to take.
            breaker.releasePermission();
            return true;
        }
        return false;
    }

    /** How many restarts launchguard may still issue within the host budget's window. */
    public int hostBudgetRemaining() {
        return host.remaining();
    }

    /** The host budget's size: restarts launchguard may issue within its window. */
    public int hostBudgetSize() {
        return host.size();
    }

    /** The marker recorded for each counted restart. */
    static final class RestartCounted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RestartCounted(String label) {
            super("job '" + label + "' restarted", null, false, false);
        }
    }
}
