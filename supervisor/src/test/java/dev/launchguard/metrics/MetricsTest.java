package dev.launchguard.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.health.HealthState;
import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.recovery.RestartReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final String WEB = "com.example.web";
    private static final String MODEL = "com.example.model";

    private final Metrics metrics = new Metrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    private static ProbeResult result(Outcome outcome, Duration took) {
        return new ProbeResult(outcome, took, OptionalInt.empty(), "x", Optional.empty());
    }

    @Test
    void exportsTheDocumentedPrometheusNames() {
        metrics.jobConfigured(WEB, Set.of(ProbeRole.LIVENESS));
        metrics.probeFinished(WEB, ProbeRole.LIVENESS, result(Outcome.TIMEOUT, Duration.ofMillis(300)));
        metrics.jobState(WEB, HealthState.READY);
        metrics.restarted(WEB, RestartReason.WEDGE, Instant.ofEpochSecond(1_800_000_000L));
        metrics.respawned(WEB, Duration.ofMillis(700));
        metrics.wedgeDetected(WEB, Duration.ofMillis(400));
        metrics.quarantined(WEB, false);
        metrics.orphans(WEB, 0);
        metrics.driftCheck("web-loaded", true);
        metrics.tlsCertExpiry("https://example.test/", Instant.ofEpochSecond(1_900_000_000L));

        String text = metrics.scrape();
        assertThat(text)
                .contains("launchguard_probe_duration_seconds_count{label=\"com.example.web\",probe=\"liveness\"} 1")
                .contains("launchguard_probes_total{label=\"com.example.web\",outcome=\"timeout\",probe=\"liveness\"} 1.0")
                .contains("launchguard_probes_total{label=\"com.example.web\",outcome=\"up\",probe=\"liveness\"} 0.0")
                .contains("launchguard_job_up{label=\"com.example.web\"} 1")
                .contains("launchguard_job_state{label=\"com.example.web\",state=\"ready\"} 1")
                .contains("launchguard_job_state{label=\"com.example.web\",state=\"wedged\"} 0")
                .contains("launchguard_restarts_total{label=\"com.example.web\",reason=\"wedge\"} 1")
                .contains("launchguard_job_last_restart_time_seconds{label=\"com.example.web\"} 1.8E9")
                .contains("launchguard_respawn_duration_seconds_bucket{label=\"com.example.web\",le=\"15.0\"} 1")
                .contains("launchguard_respawn_duration_seconds_bucket{label=\"com.example.web\",le=\"0.5\"} 0")
                .contains("launchguard_wedge_detection_seconds_count{label=\"com.example.web\"} 1")
                .contains("launchguard_quarantined{label=\"com.example.web\"} 0")
                .contains("launchguard_orphans{label=\"com.example.web\"} 0")
                .contains("launchguard_drift_check_ok{check=\"web-loaded\"} 1")
                .contains("launchguard_tls_cert_expiry_timestamp_seconds{target=\"https://example.test/\"} 1.9E9")
                .contains("jvm_memory_used_bytes")
                .doesNotContain("job=\"");
    }

    @Test
    void everySeriesOfAConfiguredJobExistsAtZeroBeforeItsFirstEvent() {
        metrics.jobConfigured(WEB, Set.of(ProbeRole.LIVENESS, ProbeRole.READINESS));

        String text = metrics.scrape();
        String web = "label=\"com.example.web\"";
        assertThat(text)
                .contains("launchguard_restarts_total{" + web + ",reason=\"crash\"} 0.0")
                .contains("launchguard_restarts_total{" + web + ",reason=\"wedge\"} 0.0")
                .contains("launchguard_restarts_total{" + web + ",reason=\"manual\"} 0.0")
                .contains("launchguard_restarts_deferred_total{" + web + "} 0.0")
                .contains("launchguard_respawn_duration_seconds_bucket{" + web + ",le=\"15.0\"} 0")
                .contains("launchguard_respawn_duration_seconds_count{" + web + "} 0")
                .contains("launchguard_wedge_detection_seconds_bucket{" + web + ",le=\"15.0\"} 0")
                .contains("launchguard_probe_duration_seconds_count{" + web + ",probe=\"liveness\"} 0")
                .contains("launchguard_probe_duration_seconds_count{" + web + ",probe=\"readiness\"} 0")
                .doesNotContain("probe=\"startup\"")
                .contains("launchguard_quarantined{" + web + "} 0.0")
                .contains("launchguard_evidence_unknown_total{" + web + "} 0.0")
                .contains("launchguard_orphans{" + web + "} 0.0")
                .contains("launchguard_squatters{" + web + "} 0.0")
                .contains("launchguard_orphans_reaped_total{" + web + "} 0.0")
                .contains("launchguard_job_start_time_seconds{" + web + "} 0.0")
                .contains("launchguard_job_last_restart_time_seconds{" + web + "} 0.0")
                .contains("launchguard_job_state{" + web + ",state=\"stopped\"} 1.0")
                .contains("launchguard_job_up{" + web + "} 0.0");
        for (ProbeRole role : Set.of(ProbeRole.LIVENESS, ProbeRole.READINESS)) {
            for (Outcome o : Outcome.values()) {
                assertThat(text).contains("launchguard_probes_total{" + web + ",outcome=\"" + o.tag() + "\",probe=\""
                        + role.tag() + "\"} 0.0");
            }
        }
    }

    @Test
    void aRemovedJobsSeriesAreAllGoneAndALateRecordDoesNotBringThemBack() {
        metrics.jobConfigured(WEB, Set.of(ProbeRole.LIVENESS));
        metrics.jobConfigured(MODEL, Set.of(ProbeRole.LIVENESS));
        metrics.restarted(WEB, RestartReason.CRASH, Instant.ofEpochSecond(1_800_000_000L));

        metrics.jobRemoved(WEB);
        metrics.orphans(WEB, 2);
        metrics.restarted(WEB, RestartReason.CRASH, Instant.ofEpochSecond(1_800_000_001L));
        metrics.probeFinished(WEB, ProbeRole.LIVENESS, result(Outcome.UP, Duration.ofMillis(2)));

        assertThat(metrics.scrape()).doesNotContain(WEB)
                .contains("launchguard_restarts_total{label=\"com.example.model\",reason=\"crash\"} 0.0");
        // A job configured again starts again from zero.
        metrics.jobConfigured(WEB, Set.of(ProbeRole.LIVENESS));
        assertThat(metrics.scrape()).contains("launchguard_restarts_total{label=\"com.example.web\",reason=\"crash\"} 0.0");
    }

    @Test
    void aJobConfiguredAgainKeepsCountingAndFollowsItsProbeRoles() {
        metrics.jobConfigured(WEB, Set.of(ProbeRole.LIVENESS, ProbeRole.STARTUP));
        metrics.restarted(WEB, RestartReason.CRASH, Instant.ofEpochSecond(1_800_000_000L));

        metrics.jobConfigured(WEB, Set.of(ProbeRole.LIVENESS, ProbeRole.READINESS));

        assertThat(metrics.scrape())
                .contains("launchguard_restarts_total{label=\"com.example.web\",reason=\"crash\"} 1.0")
                .contains("launchguard_probe_duration_seconds_count{label=\"com.example.web\",probe=\"readiness\"} 0")
                .contains("launchguard_probe_duration_seconds_count{label=\"com.example.web\",probe=\"liveness\"} 0")
                .doesNotContain("probe=\"startup\"");
    }

    @Test
    void startAndLastRestartAreUnixSeconds() {
        metrics.jobConfigured(WEB, Set.of(ProbeRole.LIVENESS));
        metrics.jobStarted(WEB, Instant.ofEpochMilli(1_800_000_000_500L));
        metrics.restarted(WEB, RestartReason.MANUAL, Instant.ofEpochSecond(1_800_000_100L));
        metrics.restartDeferred(WEB);

        assertThat(metrics.scrape())
                .contains("launchguard_job_start_time_seconds{label=\"com.example.web\"} 1.8000000005E9")
                .contains("launchguard_job_last_restart_time_seconds{label=\"com.example.web\"} 1.8000001E9")
                .contains("launchguard_restarts_total{label=\"com.example.web\",reason=\"manual\"} 1.0")
                .contains("launchguard_restarts_deferred_total{label=\"com.example.web\"} 1.0");
    }

    @Test
    void buildInfoAndTheHostBudgetAreExported() {
        AtomicInteger remaining = new AtomicInteger(5);
        metrics.hostBudget(remaining::get, 5);
        remaining.set(3);

        assertThat(metrics.scrape())
                .contains("launchguard_host_budget_remaining 3.0")
                .contains("launchguard_host_budget_size 5.0")
                .contains("launchguard_build_info{java_version=\"" + Runtime.version() + "\",revision=\"unknown\","
                        + "version=\"development\"} 1");
    }

    @Test
    void processorMetersUsePromtoolCleanNames() {
        String text = metrics.scrape();
        assertThat(text).contains("process_cpu_seconds_total ")
                .doesNotContain("process_cpu_time_ns_total")
                .doesNotContain("system_cpu_count");
    }

    @Test
    void stateGaugesFollowTheCurrentState() {
        metrics.jobConfigured(WEB, Set.of(ProbeRole.LIVENESS));
        metrics.jobState(WEB, HealthState.READY);
        metrics.jobState(WEB, HealthState.WEDGED);
        String text = metrics.scrape();
        assertThat(text).contains("launchguard_job_state{label=\"com.example.web\",state=\"wedged\"} 1")
                .contains("launchguard_job_state{label=\"com.example.web\",state=\"ready\"} 0")
                .contains("launchguard_job_up{label=\"com.example.web\"} 0");
    }
}
