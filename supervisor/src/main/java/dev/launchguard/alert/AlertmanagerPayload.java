package dev.launchguard.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.config.WatchersConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * launchguard's alerts as the body of Alertmanager's {@code POST /api/v2/alerts}: a JSON array of
 * {@code labels}, {@code annotations}, {@code startsAt} and {@code endsAt}. A resolved alert keeps
 * the labels and {@code startsAt} it fired with, so Alertmanager ends that same alert; a firing one
 * ends {@link #ENDS_AFTER_REPEATS} repeats ahead and is sent again every repeat, so it stays firing
 * while launchguard is there to say so, and resolves by itself if launchguard is gone.
 */
final class AlertmanagerPayload {

    /** Prometheus sends its firing alerts with an end four resend delays ahead; the same here. */
    static final int ENDS_AFTER_REPEATS = 4;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * What each kind of alert is called in Alertmanager, how bad it is, its summary ({@code %s}: the
     * job's label or the check) and where the runbook covers it.
     */
    enum Kind {
        QUARANTINED("LaunchguardQuarantined", "critical", "job '%s' is quarantined: launchguard stopped restarting it",
                "launchguardjobquarantined"),
        RESTART_FAILED("LaunchguardRestartFailed", "critical", "launchguard cannot restart job '%s'", "alerts-and-logs"),
        HOST_BUDGET_SPENT("LaunchguardHostBudgetSpent", "critical",
                "launchguard's host restart budget is spent: restarts are deferred", "launchguardhostbudgetexhausted"),
        UNCLEAN_STOP("LaunchguardUncleanStop", "warning", "launchguard started after its previous instance did not stop "
                + "cleanly", "alerts-and-logs"),
        DRIFT_CHECK_FAILING("LaunchguardDriftCheckFailing", "warning", "drift check '%s' is failing", "launchguarddriftcheckfailing"),
        UPTIME_TARGET_DOWN("LaunchguardUptimeTargetDown", "critical", "uptime target '%s' is down", "launchguarduptimetargetdown"),
        STRAYS("LaunchguardStrays", "warning", "job '%s' has orphans or port squatters", "launchguardstraysfound"),
        /** A watcher this table does not know yet: still delivered, under a generic name. */
        OTHER("LaunchguardAlert", "warning", "launchguard check '%s' is failing", "alerts-and-logs");

        final String alertname;
        final String severity;
        private final String summary;
        final String anchor;

        Kind(String alertname, String severity, String summary, String anchor) {
            this.alertname = alertname;
            this.severity = severity;
            this.summary = summary;
            this.anchor = anchor;
        }

        static Kind of(Alert alert) {
            String check = alert.check();
            return switch (alert.watcher()) {
                case Incidents.WATCHER -> check.startsWith(Incidents.QUARANTINE + " ") ? QUARANTINED
                        : check.startsWith(Incidents.RESTART + " ") ? RESTART_FAILED
                        : check.equals(Incidents.HOST_BUDGET) ? HOST_BUDGET_SPENT
                        : check.equals(Incidents.LAUNCHGUARD) ? UNCLEAN_STOP : OTHER;
                case "drift" -> DRIFT_CHECK_FAILING;
                case "uptime" -> UPTIME_TARGET_DOWN;
                case "strays" -> STRAYS;
                default -> OTHER;
            };
        }

        /** The launchd Label the alert is about, where it is about one job. */
        Optional<String> label(Alert alert) {
            return switch (this) {
                case QUARANTINED, RESTART_FAILED -> Optional.of(alert.check().substring(alert.check().indexOf(' ') + 1));
                case STRAYS -> Optional.of(alert.check());
                default -> Optional.empty();
            };
        }

        String summary(Alert alert) {
            return summary.formatted(label(alert).orElse(alert.check()));
        }
    }

    private AlertmanagerPayload() {
    }

    /** The body reporting {@code entries} at {@code now}, with {@code instance} as the instance label. */
    static byte[] body(List<AlertBook.Entry> entries, Instant now, String instance, WatchersConfig.Alertmanager config) {
        ArrayNode alerts = MAPPER.createArrayNode();
        Duration ahead = config.repeat().multipliedBy(ENDS_AFTER_REPEATS);
        for (AlertBook.Entry e : entries) {
            Alert firing = e.firing();
            ObjectNode alert = alerts.addObject();
            alert.set("labels", labels(firing, instance, config.labels()));
            alert.set("annotations", annotations(firing, config.runbook()));
            alert.put("startsAt", time(firing.at()));
            alert.put("endsAt", time(e.resolved().map(Alert::at).orElse(now.plus(ahead))));
        }
        try {
            return MAPPER.writeValueAsBytes(alerts);
        } catch (JsonProcessingException e) {
            // A tree of plain strings always serialises.
            throw new IllegalStateException("alerts for Alertmanager could not be written as JSON", e);
        }
    }

    private static ObjectNode labels(Alert alert, String instance, Map<String, String> extra) {
        Kind kind = Kind.of(alert);
        ObjectNode labels = MAPPER.createObjectNode();
        extra.forEach(labels::put);
        labels.put("alertname", kind.alertname);
        kind.label(alert).ifPresent(l -> labels.put("label", l));
        labels.put("check", alert.check());
        if (kind == Kind.UPTIME_TARGET_DOWN) {
            // The uptime metrics tag a target as `target`: a rule's alert and the sink's then share it.
            labels.put("target", alert.check());
        }
        labels.put("watcher", alert.watcher());
        labels.put("severity", kind.severity);
        labels.put("instance", instance);
        return labels;
    }

    private static ObjectNode annotations(Alert firing, String runbook) {
        Kind kind = Kind.of(firing);
        return MAPPER.createObjectNode().put("summary", kind.summary(firing)).put("description", firing.detail())
                .put("runbook_url", runbook + "#" + kind.anchor);
    }

    /** RFC 3339 to the millisecond, as Alertmanager parses it. */
    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
