package dev.launchguard.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.probe.Outcome;
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
 * when the process table cannot be read.
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
        assertThat(f.metrics.scrape()).contains("launchguard_evidence_unknown_total{job=\"com.example.web\"} 60.0");
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
        assertThat(f.view().lastProbes().get("liveness").consecutiveFailures()).as("failures still counted").isEqualTo(60);

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
            assertThat(r.reason()).isEqualTo("wedge");
            assertThat(r.evidence()).contains("no CPU progress across 62 liveness failures (0.0% of a core over 500 ms");
        });
    }

    @Test
    void aProcessPositivelyGoneIsStillACrash() {
        f.jobs.ended();
        f.evidence.reads(Reading.GONE);

        f.time.advance(Duration.ofSeconds(1));

        assertThat(f.view().restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("crash");
            assertThat(r.evidence()).startsWith("process 100 is gone");
        });
        assertThat(f.view().state()).isEqualTo(HealthState.RECOVERING);
    }

    private static List<Duration> gaps(List<Instant> times) {
        return java.util.stream.IntStream.range(1, times.size())
                .mapToObj(i -> Duration.between(times.get(i - 1), times.get(i))).toList();
    }
}
