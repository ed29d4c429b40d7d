package dev.launchguard.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.config.WatchersConfig;
import dev.launchguard.monitoring.Mixin;
import dev.launchguard.probe.ProbeHeaders;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The body of {@code POST /api/v2/alerts} built from the alert book: labels, annotations, start and end. */
class AlertmanagerPayloadTest {

    private static final String WEB = "com.example.web";
    private static final Instant FIRED = Instant.parse("2026-12-07T03:00:00.123456Z");
    private static final Instant NOW = Instant.parse("2026-12-07T03:05:00Z");
    private static final WatchersConfig.Alertmanager CONFIG = new WatchersConfig.Alertmanager(
            List.of(new WatchersConfig.Webhook(URI.create("http://127.0.0.1:9093/api/v2/alerts"), 5, Duration.ofSeconds(1),
                    Duration.ofSeconds(5))),
            Duration.ofMinutes(1), Optional.empty(), Map.of("team", "ml", "env", "prod"), ProbeHeaders.none(),
            "https://example.com/docs/operations.md");

    private final AlertBook book = new AlertBook();

    private static Alert alert(Alert.Status status, String watcher, String check, String detail, Instant at) {
        return new Alert(status, watcher, check, detail, at, 1);
    }

    private JsonNode body(Instant now) throws IOException {
        return new ObjectMapper().readTree(AlertmanagerPayload.body(book.current(now), now, "mac-studio", CONFIG));
    }

    @Test
    void aFiringQuarantineCarriesItsLabelsAnnotationsStartAndAnEndFourRepeatsAhead() throws IOException {
        book.record(alert(Alert.Status.FIRING, "supervisor", "quarantine " + WEB,
                "job '" + WEB + "' quarantined: storm guard tripped, restarts stopped (exit 1)", FIRED));

        JsonNode alerts = body(NOW);

        assertThat(alerts.isArray()).isTrue();
        assertThat(alerts).hasSize(1);
        JsonNode a = alerts.get(0);
        assertThat(new ObjectMapper().convertValue(a.path("labels"), Map.class)).isEqualTo(Map.of(
                "alertname", "LaunchguardQuarantined", "label", WEB, "check", "quarantine " + WEB,
                "watcher", "supervisor", "severity", "critical", "instance", "mac-studio", "team", "ml", "env", "prod"));
        assertThat(a.path("annotations").path("summary").asText())
                .isEqualTo("job '" + WEB + "' is quarantined: launchguard stopped restarting it");
        assertThat(a.path("annotations").path("description").asText())
                .isEqualTo("job '" + WEB + "' quarantined: storm guard tripped, restarts stopped (exit 1)");
        assertThat(a.path("annotations").path("runbook_url").asText())
                .isEqualTo("https://example.com/docs/operations.md#launchguardjobquarantined");
        assertThat(a.path("startsAt").asText()).isEqualTo("2026-12-07T03:00:00.123Z");
        assertThat(a.path("endsAt").asText()).isEqualTo("2026-12-07T03:09:00Z");
        assertThat(a.has("job")).isFalse();
    }

    @Test
    void aResolutionEndsTheSameAlertWithTheLabelsStartAndDescriptionItFiredWith() throws IOException {
        book.record(alert(Alert.Status.FIRING, "supervisor", "quarantine " + WEB, "quarantined (exit 1)", FIRED));
        JsonNode firing = body(NOW).get(0);
        Instant resolved = NOW.plusSeconds(30);
        book.record(alert(Alert.Status.RESOLVED, "supervisor", "quarantine " + WEB, "job is READY again", resolved));

        JsonNode a = body(resolved.plusSeconds(60)).get(0);

        assertThat(a.path("labels")).isEqualTo(firing.path("labels"));
        assertThat(a.path("startsAt")).isEqualTo(firing.path("startsAt"));
        assertThat(a.path("endsAt").asText()).isEqualTo("2026-12-07T03:05:30Z");
        assertThat(a.path("annotations").path("description").asText()).isEqualTo("quarantined (exit 1)");
    }

    @Test
    void aResolvedAlertIsReportedForFifteenMinutesThenForgottenWhileAFiringOneStays() throws IOException {
        book.record(alert(Alert.Status.FIRING, "drift", "model loaded", "STOPPED", FIRED));
        book.record(alert(Alert.Status.FIRING, "uptime", "site", "connection refused", FIRED));
        book.record(alert(Alert.Status.RESOLVED, "drift", "model loaded", "ok", NOW));

        assertThat(body(NOW.plus(Duration.ofMinutes(15)))).extracting(a -> a.path("labels").path("check").asText())
                .containsExactly("model loaded", "site");
        assertThat(body(NOW.plus(Duration.ofMinutes(15)).plusMillis(1)))
                .extracting(a -> a.path("labels").path("check").asText()).containsExactly("site");
    }

    @Test
    void aResolutionOfAnAlertNeverSeenFiringIsNotReportedAndAFireAfterAResolutionStartsAnew() throws IOException {
        book.record(alert(Alert.Status.RESOLVED, "drift", "model loaded", "ok", FIRED));
        assertThat(body(NOW)).isEmpty();

        book.record(alert(Alert.Status.FIRING, "drift", "model loaded", "STOPPED", FIRED));
        book.record(alert(Alert.Status.RESOLVED, "drift", "model loaded", "ok", FIRED.plusSeconds(10)));
        book.record(alert(Alert.Status.FIRING, "drift", "model loaded", "STOPPED again", NOW));

        assertThat(body(NOW)).singleElement().satisfies(a -> {
            assertThat(a.path("startsAt").asText()).isEqualTo("2026-12-07T03:05:00Z");
            assertThat(a.path("endsAt").asText()).isEqualTo("2026-12-07T03:09:00Z");
            assertThat(a.path("annotations").path("description").asText()).isEqualTo("STOPPED again");
        });
    }

    @ParameterizedTest(name = "{0} {1} -> {2} severity={3} label={4}")
    @CsvSource({
        "supervisor, restart com.example.web, LaunchguardRestartFailed, critical, com.example.web",
        "supervisor, host-budget, LaunchguardHostBudgetSpent, critical, ''",
        "supervisor, launchguard, LaunchguardUncleanStop, warning, ''",
        "drift, model loaded, LaunchguardDriftCheckFailing, warning, ''",
        "uptime, site, LaunchguardUptimeTargetDown, critical, ''",
        "strays, com.example.web, LaunchguardStrays, warning, com.example.web",
        "backup, nightly, LaunchguardAlert, warning, ''"
    })
    void eachKindOfAlertHasItsNameSeverityAndTheJobsLabelWhereItIsAboutAJob(String watcher, String check,
            String alertname, String severity, String label) throws IOException {
        book.record(alert(Alert.Status.FIRING, watcher, check, "detail", FIRED));

        JsonNode labels = body(NOW).get(0).path("labels");

        assertThat(labels.path("alertname").asText()).isEqualTo(alertname);
        assertThat(labels.path("severity").asText()).isEqualTo(severity);
        assertThat(labels.path("watcher").asText()).isEqualTo(watcher);
        assertThat(labels.path("check").asText()).isEqualTo(check);
        assertThat(labels.path("label").asText()).isEqualTo(label);
        assertThat(labels.has("label")).isEqualTo(!label.isEmpty());
        assertThat(labels.path("target").asText()).as("an uptime target is tagged as its metrics are")
                .isEqualTo(watcher.equals("uptime") ? check : "");
    }

    @Test
    void everyKindsRunbookIsAHeadingOfTheOperationsGuide() throws IOException {
        Set<String> anchors = Mixin.headingAnchors(Mixin.ROOT.resolve("docs/operations.md"));
        for (AlertmanagerPayload.Kind kind : AlertmanagerPayload.Kind.values()) {
            assertThat(anchors).as("%s's runbook anchor", kind.alertname).contains(kind.anchor);
        }
    }
}
