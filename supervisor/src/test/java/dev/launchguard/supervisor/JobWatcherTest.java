package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.supervisor.ScriptedEvidence.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One watcher over a scripted job manager, process table and probes, on manual time: what it does
 * when the process table cannot be read, and when a recovery's kickstart fails.
 */
class JobWatcherTest {

    private static final Duration LIVENESS_INTERVAL = WatcherFixture.LIVENESS.interval();

    @TempDir
    Path plists;

    private WatcherFixture f;

    @BeforeEach
    void start() {
        f = new WatcherFixture(plists).startReady();
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(WatcherFixture.PID);
    }

    @AfterEach
    void close() {
        assertThat(f.lines(Level.ERROR, "")).as("errors logged").isEmpty();
        f.close();
    }

    @Test
    void anUnreadableProcessTableWhileLivenessAnswersKeepsTheJobReadyWithItsPid() {
        int before = f.probes.httpAttempts().size();
        f.evidence.reads(Reading.UNREADABLE);

        f.time.advance(Duration.ofSeconds(30));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(WatcherFixture.PID);
        assertThat(f.view().restarts()).isEmpty();
        assertThat(f.jobs.kickstarts()).isEmpty();
        assertThat(f.probes.httpAttempts().size() - before).as("liveness attempts in 30 s, every 500 ms").isEqualTo(60);
        assertThat(f.lines(Level.DEBUG, "Process evidence unknown, no verdict from it")).hasSize(60)
                .allSatisfy(l -> assertThat(l).contains("pid=100", ScriptedEvidence.UNREADABLE_REASON));
        assertThat(f.metrics.scrape()).contains("launchguard_evidence_unknown_total{label=\"com.example.web\"} 60.0");
    }

    @Test
    void failingLivenessWithAnUnreadableTableCountsFailuresButDrawsNoVerdictUntilTwoReadableSamples() {
        f.evidence.reads(Reading.UNREADABLE);
        f.probes.answer(() -> Outcome.TIMEOUT);

        f.time.advance(Duration.ofSeconds(30));

        assertThat(f.view().state()).isEqualTo(HealthState.SUSPECT);
        assertThat(f.view().pid()).hasValue(WatcherFixture.PID);
        assertThat(f.view().restarts()).isEmpty();
        assertThat(f.jobs.kickstarts()).isEmpty();
        assertThat(f.view().lastProbes().get(ProbeRole.LIVENESS).consecutiveFailures()).as("failures still counted").isEqualTo(60);

        // Readable again, and idle: the first sample opens the CPU window, the second judges it.
        f.evidence.reads(Reading.RUNNING);
        int samples = f.evidence.samples();
        f.time.advance(LIVENESS_INTERVAL);
        assertThat(f.evidence.samples()).isEqualTo(samples + 1);
        assertThat(f.view().state()).isEqualTo(HealthState.SUSPECT);
        assertThat(f.jobs.kickstarts()).isEmpty();

        f.time.advance(LIVENESS_INTERVAL);
        assertThat(f.jobs.kickstarts()).as("kickstarted at the second readable sample").hasSize(1);
        assertThat(f.view().restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.WEDGE);
            assertThat(r.evidence()).contains("no CPU progress across 62 liveness failures (0.0% of a core over 500 ms");
        });
    }

    @Test
    void aProcessPositivelyGoneIsStillACrash() {
        f.jobs.ended();
        f.evidence.reads(Reading.GONE);

        f.time.advance(Duration.ofSeconds(1));

        assertThat(f.view().restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.CRASH);
            assertThat(r.evidence()).startsWith("process 100 is gone");
        });
        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);
    }

    @Test
    void aFailedKickstartIsRetriedWithGrowingDelaysWhileTheJobStaysProbedThenRecovers() {
        f.jobs.failKickstarts(3);
        // The old instance says it is not live; the new one is fine.
        f.probes.answer(() -> f.jobs.pid() == WatcherFixture.PID ? Outcome.DOWN : Outcome.UP);

        f.time.advance(Duration.ofSeconds(60));

        List<Instant> kickstarts = f.jobs.kickstarts();
        assertThat(kickstarts).as("one failed attempt, two failed retries, one that went through").hasSize(4);
        assertThat(gaps(kickstarts)).as("waits between attempts").satisfiesExactly(
                d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(1).plus(LIVENESS_INTERVAL)),
                d -> assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(2).plus(LIVENESS_INTERVAL)),
                d -> assertThat(d).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(4).plus(LIVENESS_INTERVAL)));
        assertThat(f.lines(Level.WARN, "Recovery failed, retrying")).satisfiesExactly(
                l -> assertThat(l).contains("job=com.example.web", "reason=wedge", "attempt=1", "next_in_ms=1000"),
                l -> assertThat(l).contains("attempt=2", "next_in_ms=2000"),
                l -> assertThat(l).contains("attempt=3", "next_in_ms=4000", "Too many open files"));
        assertThat(gaps(f.probes.httpAttempts())).as("never without a probe").allSatisfy(
                d -> assertThat(d).isLessThanOrEqualTo(LIVENESS_INTERVAL));
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(WatcherFixture.PID + 1);
        assertThat(f.view().restarts()).as("one restart, however many attempts it took").hasSize(1);
        assertThat(f.metrics.scrape()).contains("launchguard_restarts_total{label=\"com.example.web\",reason=\"wedge\"} 1.0");
    }

    @Test
    void aFailedKickstartWhoseOldInstanceStillAnswersEndsReadyWithThePidRereadAndNoFurtherAttempt() {
        f.jobs.failKickstarts(1);

        CompletableFuture<JobView> manual = f.watcher.kickstart();

        assertThat(manual).isCompletedExceptionally();
        assertThat(manual.handle((v, e) -> e)).succeedsWithin(Duration.ZERO)
                .isInstanceOf(CompletionException.class).extracting(Throwable::getCause)
                .isInstanceOf(JobManagerException.class).extracting(Throwable::getMessage).asString()
                .startsWith("job 'com.example.web' could not be kickstarted, retrying in 1 s: ")
                .endsWith("Too many open files");
        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);

        f.time.advance(Duration.ofSeconds(30));

        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(WatcherFixture.PID);
        assertThat(f.jobs.kickstarts()).hasSize(1);
        assertThat(f.lines(Level.INFO, "Job answers again, recovery dropped")).singleElement().asString()
                .contains("pid=100", "attempts=1");
    }

    @Test
    void aFailedRespawnKickstartAfterACrashIsRetriedUntilTheJobRunsAgain() {
        f.jobs.ended();
        f.evidence.reads(Reading.GONE);
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);
        f.evidence.reads(Reading.RUNNING);
        f.jobs.failKickstarts(2);

        f.time.advance(Duration.ofSeconds(30));

        List<Instant> kickstarts = f.jobs.kickstarts();
        assertThat(kickstarts).hasSize(3);
        assertThat(gaps(f.probes.httpAttempts().stream().filter(t -> !t.isBefore(kickstarts.get(0))).toList()))
                .as("probed from the first failed kickstart on").allSatisfy(
                        d -> assertThat(d).isLessThanOrEqualTo(LIVENESS_INTERVAL));
        assertThat(f.lines(Level.WARN, "Recovery failed, retrying")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("reason=crash"));
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(WatcherFixture.PID + 1);
        assertThat(f.view().restarts()).hasSize(1);
    }

    @Test
    void anInstanceTheJobManagerStillRunsAfterACrashVerdictIsProbedAndTakenBackWhenItAnswers() {
        // The incident: a read error taken for an end, while the process ran on. The verdict is
        // forced here (the table says gone); the job manager still reports the instance running.
        f.evidence.reads(Reading.GONE);
        f.time.advance(Duration.ofSeconds(1));
        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);
        f.evidence.reads(Reading.RUNNING);

        f.time.advance(Duration.ofSeconds(5));

        assertThat(f.lines(Level.WARN, "Recovery failed, retrying")).singleElement().asString()
                .contains("reason=crash", "the job manager still runs the instance 100 this recovery replaces");
        assertThat(f.view().state()).isEqualTo(HealthState.READY);
        assertThat(f.view().pid()).hasValue(WatcherFixture.PID);
        assertThat(f.jobs.kickstarts()).as("nothing restarted").isEmpty();
    }

    @Test
    void aFailedManualKickstartOfAStoppedJobLeavesItStoppedWithoutRetries() {
        f.jobs.ended();
        f.watcher.disable().join();
        f.watcher.enable().join();
        f.time.advance(Duration.ofSeconds(2));
        assertThat(f.view().state()).isEqualTo(HealthState.STOPPED);
        f.jobs.failKickstarts(1);

        CompletableFuture<JobView> manual = f.watcher.kickstart();
        f.time.advance(Duration.ofSeconds(30));

        assertThat(manual).isCompletedExceptionally();
        assertThat(f.view().state()).isEqualTo(HealthState.STOPPED);
        assertThat(f.view().pid()).isEqualTo(OptionalLong.empty());
        assertThat(f.jobs.kickstarts()).hasSize(1);
    }

    private static List<Duration> gaps(List<Instant> times) {
        return java.util.stream.IntStream.range(1, times.size())
                .mapToObj(i -> Duration.between(times.get(i - 1), times.get(i))).toList();
    }
}
