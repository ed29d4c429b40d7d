package dev.launchguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.RestartBudget;
import dev.launchguard.config.StormPolicy;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Teardown;
import dev.launchguard.time.MonotonicClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The restart act on its own, over a job manager that records its calls, on a hand-moved monotonic
 * clock: what the storm guard lets through, what a failed kickstart leaves, the quarantine and the
 * trial after its backoff.
 */
class RestarterTest {

    private static final String LABEL = "com.example.web";
    private static final StormPolicy POLICY = new StormPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(5));

    private final AtomicLong nanos = new AtomicLong(-7_000_000_000L);
    private final RecordingJobs jobs = new RecordingJobs();
    private final StormGuard storm = new StormGuard(new RestartBudget(2, Duration.ofMinutes(1)),
            MonotonicClock.of(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC), nanos::get),
            new SimpleMeterRegistry());
    private final Restarter restarter = new Restarter(LABEL, jobs, storm, nanos::get);

    RestarterTest() {
        storm.register(LABEL, POLICY);
    }

    @Test
    void anAdmittedRestartKillsAndStartsThroughTheJobManager() {
        assertThat(restarter.refused(true)).isEmpty();
        assertThat(restarter.kickstart(RestartReason.WEDGE)).isInstanceOf(RestartOutcome.Kickstarted.class);
        assertThat(jobs.calls).containsExactly("kickstart -k");
    }

    @Test
    void aFailedKickstartLeavesARetryThatBacksOffFromOneSecond() {
        jobs.failing = true;
        RestartOutcome first = restarter.kickstart(RestartReason.WEDGE);

        assertThat(first).isInstanceOfSatisfying(RestartOutcome.RetryPending.class, p -> {
            assertThat(p.retry().failures()).isEqualTo(1);
            assertThat(p.retry().due(nanos.get() + 999_000_000L)).isFalse();
            assertThat(p.retry().due(nanos.get() + 1_000_000_000L)).isTrue();
            assertThat(p.retry().lastError()).endsWith("Too many open files");
            assertThat(p.retry().kill()).isTrue();
        });
        nanos.addAndGet(1_000_000_000L);
        RestartOutcome second = restarter.retry(((RestartOutcome.RetryPending) first).retry());
        assertThat(second).isInstanceOfSatisfying(RestartOutcome.RetryPending.class, p -> {
            assertThat(p.retry().failures()).isEqualTo(2);
            assertThat(p.retry().delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(p.retry().reason()).isEqualTo(RestartReason.WEDGE);
        });
        jobs.failing = false;
        assertThat(restarter.retry(((RestartOutcome.RetryPending) second).retry()))
                .isInstanceOf(RestartOutcome.Kickstarted.class);
        assertThat(jobs.calls).containsExactly("kickstart -k", "kickstart -k", "kickstart -k");
    }

    @Test
    void aRespawnStartsWithoutKilling() {
        assertThat(restarter.respawn(RestartReason.CRASH, Optional.empty())).isInstanceOf(RestartOutcome.Kickstarted.class);
        assertThat(jobs.calls).containsExactly("kickstart");
    }

    @Test
    void theHostBudgetDefersWhatLaunchguardDecidesButNeverAManualKickstart() {
        assertThat(restarter.refused(true)).isEmpty();
        assertThat(restarter.refused(true)).isEmpty();
        assertThat(restarter.refused(true)).containsInstanceOf(RestartOutcome.Deferred.class);
        assertThat(restarter.refused(false)).as("manual").isEmpty();
        assertThat(jobs.calls).as("nothing touched by a decision").isEmpty();
    }

    @Test
    void theRestartThatTripsTheGuardQuarantinesAndTheTrialComesAfterTheBackoff() {
        assertThat(restarter.crashed()).isEmpty();
        assertThat(restarter.crashed()).isEmpty();
        assertThat(restarter.crashed()).containsInstanceOf(RestartOutcome.Quarantined.class);
        restarter.quarantine();
        assertThat(jobs.calls).containsExactly("bootout");

        nanos.addAndGet(Duration.ofMinutes(4).toNanos());
        assertThat(restarter.release(Path.of("/tmp/com.example.web.plist"))).isFalse();
        nanos.addAndGet(Duration.ofMinutes(1).plusSeconds(1).toNanos());
        assertThat(restarter.release(Path.of("/tmp/com.example.web.plist"))).isTrue();
        assertThat(jobs.calls).containsExactly("bootout", "bootstrap");

        restarter.recovered();
        assertThat(restarter.crashed()).as("the trial held: the breaker is closed again").isEmpty();
    }

    @Test
    void aTrialThatCannotLoadTheJobIsNotReleased() {
        restarter.crashed();
        restarter.crashed();
        restarter.crashed();
        restarter.quarantine();
        jobs.failing = true;
        nanos.addAndGet(Duration.ofMinutes(6).toNanos());

        assertThat(restarter.release(Path.of("/tmp/com.example.web.plist"))).isFalse();
        assertThat(restarter.crashed()).as("a failed trial quarantines again").containsInstanceOf(RestartOutcome.Quarantined.class);
    }

    /** One job, in memory; throws like a host out of file descriptors while {@code failing}. */
    private static final class RecordingJobs implements JobManager {
        final List<String> calls = new ArrayList<>();
        boolean failing;
        boolean loaded = true;

        @Override
        public JobStatus kickstart(String job, boolean kill) {
            calls.add(kill ? "kickstart -k" : "kickstart");
            if (failing) {
                throw new JobManagerException(job, "could not be spawned: Too many open files");
            }
            return status(job);
        }

        @Override
        public JobStatus bootstrap(Path plist) {
            calls.add("bootstrap");
            if (failing) {
                throw new JobManagerException(LABEL, "could not be loaded: Too many open files");
            }
            loaded = true;
            return status(LABEL);
        }

        @Override
        public Teardown bootout(String job) {
            calls.add("bootout");
            loaded = false;
            return new Teardown(job, List.of(), false, List.of(), List.of(), Duration.ZERO);
        }

        @Override
        public JobStatus status(String job) {
            return loaded ? new JobStatus(job, true, RunState.RUNNING, OptionalLong.of(100), Optional.empty(), 1,
                    Optional.empty()) : JobStatus.unloaded(job);
        }

        @Override
        public void signal(String job, Signal signal) {
        }

        @Override
        public void enable(String job) {
        }

        @Override
        public Teardown disable(String job) {
            return bootout(job);
        }

        @Override
        public List<JobStatus> list() {
            return List.of(status(LABEL));
        }

        @Override
        public void close() {
        }
    }
}
