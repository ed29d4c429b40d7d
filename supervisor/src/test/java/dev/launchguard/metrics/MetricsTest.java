package dev.launchguard.metrics;

import dev.launchguard.probe.ProbeRole;
import dev.launchguard.recovery.RestartReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.health.HealthState;
import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private final Metrics metrics = new Metrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void exportsTheDocumentedPrometheusNames() {
        metrics.probeFinished("com.example.web", ProbeRole.LIVENESS,
                new ProbeResult(Outcome.TIMEOUT, Duration.ofMillis(300), OptionalInt.empty(), "x", Optional.empty()));
        metrics.jobState("com.example.web", HealthState.READY);
        metrics.restarted("com.example.web", RestartReason.WEDGE);
        metrics.respawned("com.example.web", Duration.ofMillis(700));
        metrics.wedgeDetected("com.example.web", Duration.ofMillis(400));
        metrics.quarantined("com.example.web", false);
        metrics.orphans("com.example.web", 0);
        metrics.driftCheck("web-loaded", true);
        metrics.tlsCertExpiry("https://example.test/", Instant.ofEpochSecond(1_900_000_000L));

        String text = metrics.scrape();
        assertThat(text)
                .contains("launchguard_probe_duration_seconds_count{job=\"com.example.web\",outcome=\"timeout\",probe=\"liveness\"} 1")
                .contains("launchguard_job_up{job=\"com.example.web\"} 1")
                .contains("launchguard_job_state{job=\"com.example.web\",state=\"ready\"} 1")
                .contains("launchguard_job_state{job=\"com.example.web\",state=\"wedged\"} 0")
                .contains("launchguard_restarts_total{job=\"com.example.web\",reason=\"wedge\"} 1")
                .contains("launchguard_respawn_duration_seconds_bucket{job=\"com.example.web\",le=\"15.0\"} 1")
                .contains("launchguard_respawn_duration_seconds_bucket{job=\"com.example.web\",le=\"0.5\"} 0")
                .contains("launchguard_wedge_detection_seconds_count{job=\"com.example.web\"} 1")
                .contains("launchguard_quarantined{job=\"com.example.web\"} 0")
                .contains("launchguard_orphans{job=\"com.example.web\"} 0")
                .contains("launchguard_drift_check_ok{check=\"web-loaded\"} 1")
                .contains("launchguard_tls_cert_expiry_timestamp_seconds{target=\"https://example.test/\"} 1.9E9")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void processorMetersUsePromtoolCleanNames() {
        String text = metrics.scrape();
        assertThat(text).contains("process_cpu_seconds_total ")
                .doesNotContain("process_cpu_time_ns_total")
                .doesNotContain("system_cpu_count");
    }

    @Test
    void strayGaugesOfAJobNoLongerSupervisedAreDropped() {
        metrics.orphans("com.example.web", 2);
        metrics.squatters("com.example.web", 1);
        metrics.orphans("com.example.model", 0);
        metrics.squatters("com.example.model", 0);

        metrics.retainStrayJobs(java.util.Set.of("com.example.model"));

        String text = metrics.scrape();
        assertThat(text).contains("launchguard_orphans{job=\"com.example.model\"} 0.0")
                .doesNotContain("job=\"com.example.web\"");
        // A job that comes back is exported again.
        metrics.orphans("com.example.web", 1);
        assertThat(metrics.scrape()).contains("launchguard_orphans{job=\"com.example.web\"} 1.0");
    }

    @Test
    void stateGaugesFollowTheCurrentState() {
        metrics.jobState("com.example.web", HealthState.READY);
        metrics.jobState("com.example.web", HealthState.WEDGED);
        String text = metrics.scrape();
        assertThat(text).contains("launchguard_job_state{job=\"com.example.web\",state=\"wedged\"} 1")
                .contains("launchguard_job_state{job=\"com.example.web\",state=\"ready\"} 0")
                .contains("launchguard_job_up{job=\"com.example.web\"} 0");
    }
}
