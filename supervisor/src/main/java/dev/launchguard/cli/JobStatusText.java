package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.launchguard.time.Human;
import dev.launchguard.time.Latency;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code launchguard status LABEL} as text, from the job's JSON ({@code GET /api/v1/jobs/LABEL}):
 * state and why, uptime, restarts, each recent restart with its evidence and respawn phases, the last
 * probe per role, the process tree's CPU and memory. A field the daemon does not send is left out.
 */
final class JobStatusText {


    private JobStatusText() {
    }

    /** The text for {@code job}, with ages counted to {@code now}. */
    static String render(JsonNode job, Instant now) {
        StringBuilder text = new StringBuilder();
        String label = job.path("label").asText();
        text.append(label).append(": ").append(job.path("state").asText());
        instant(job.path("since")).ifPresent(since -> text.append(" since ").append(since)
                .append(" (").append(Human.age(Duration.between(since, now))).append(" ago)"));
        text.append('\n');
        line(text, "why", job.path("reason").asText(null));
        line(text, "next", job.path("hint").asText(null));
        JsonNode quarantine = job.path("quarantine");
        if (quarantine.isObject()) {
            line(text, "quarantine", "since " + quarantine.path("since").asText("?") + ", trial restart at "
                    + quarantine.path("trialAt").asText("?") + ": " + quarantine.path("evidence").asText(""));
        }
        JsonNode pid = job.path("pid");
        if (pid.isNumber()) {
            String up = instant(job.path("startedAt")).map(t -> ", up " + Human.age(Duration.between(t, now))
                    + " (started " + t + ")").orElse("");
            line(text, "pid", pid.asText() + up);
        } else {
            line(text, "pid", "none (no process runs)");
        }
        JsonNode process = job.path("process");
        if (process.isObject()) {
            List<String> pids = new ArrayList<>();
            process.path("pids").forEach(p -> pids.add(p.asText()));
            line(text, "process", pids.size() + (pids.size() == 1 ? " process" : " processes") + " ("
                    + String.join(", ", pids) + "), CPU " + String.format(Locale.ROOT, "%.1f",
                    process.path("cpuPercent").asDouble()) + " %, RSS " + Human.bytes(process.path("rssBytes").asLong()));
        }
        JsonNode counts = job.path("restartCounts");
        if (counts.isObject()) {
            line(text, "restarts", counts.path("lastHour").asInt() + " in the last hour, "
                    + counts.path("lastDay").asInt() + " in the last day");
        }
        restarts(text, label, job.path("restarts"), job.path("respawns"));
        probes(text, job.path("lastProbes"));
        return text.toString();
    }

    private static void restarts(StringBuilder text, String label, JsonNode restarts, JsonNode respawns) {
        if (restarts.isEmpty()) {
            return;
        }
        text.append("recent restarts, newest first:\n");
        for (int i = restarts.size() - 1; i >= 0; i--) {
            JsonNode restart = restarts.get(i);
            text.append("  ").append(restart.path("at").asText()).append("  ").append(restart.path("reason").asText())
                    .append(restart.path("oldPid").isNumber() ? "  pid " + restart.path("oldPid").asText() : "")
                    .append(": ").append(restart.path("evidence").asText()).append('\n');
            if (restart.hasNonNull("snapshot")) {
                text.append("    snapshot ").append(restart.path("snapshot").asText())
                        .append(" (launchguard snapshot ").append(label).append(' ')
                        .append(restart.path("snapshot").asText()).append(")\n");
            }
            respawn(restart, respawns).ifPresent(r -> text.append("    respawn ").append(phases(r)).append('\n'));
        }
    }

    /** The respawn that replaced the restart's instance: same cause, same old PID. */
    private static java.util.Optional<JsonNode> respawn(JsonNode restart, JsonNode respawns) {
        for (JsonNode respawn : respawns) {
            if (respawn.path("cause").asText().equals(restart.path("reason").asText())
                    && respawn.path("oldPid").equals(restart.path("oldPid")) && restart.path("oldPid").isNumber()) {
                return java.util.Optional.of(respawn);
            }
        }
        return java.util.Optional.empty();
    }

    private static String phases(JsonNode respawn) {
        JsonNode phases = respawn.path("phasesMs");
        return Latency.format(respawn.path("totalMs").asDouble())
                + (respawn.path("newPid").isNumber() ? " to pid " + respawn.path("newPid").asText() : "")
                + ": detection " + Latency.format(phases.path("detection").asDouble())
                + ", kill " + Latency.format(phases.path("kill").asDouble())
                + ", spawn wait " + Latency.format(phases.path("spawnWait").asDouble())
                + ", start to port " + Latency.format(phases.path("startToPort").asDouble())
                + ", port to ready " + Latency.format(phases.path("portToReady").asDouble());
    }

    private static void probes(StringBuilder text, JsonNode probes) {
        if (probes.isEmpty()) {
            return;
        }
        text.append("last probes:\n");
        probes.fields().forEachRemaining(entry -> {
            JsonNode probe = entry.getValue();
            String detail = probe.path("detail").asText("");
            int failures = probe.path("consecutiveFailures").asInt();
            text.append(String.format(Locale.ROOT, "  %-10s %-8s %9s  %s", entry.getKey(), probe.path("outcome").asText(),
                    Latency.format(probe.path("durationMs").asDouble()), probe.path("target").asText()))
                    .append(probe.path("status").isNumber() ? " (HTTP " + probe.path("status").asText() + ")" : "")
                    .append(detail.isEmpty() ? "" : ": " + detail)
                    .append(failures > 0 ? ", " + failures + " failed in a row" : "")
                    .append(" at ").append(probe.path("at").asText()).append('\n');
        });
    }

    private static void line(StringBuilder text, String key, String value) {
        if (value != null && !value.isEmpty()) {
            text.append(String.format(Locale.ROOT, "  %-12s", key + ":")).append(value).append('\n');
        }
    }

    private static java.util.Optional<Instant> instant(JsonNode node) {
        if (!node.isTextual()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

}
