package dev.launchguard.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift and uptime watchers running inside a real launchguard: API, metrics, alerts, reload. */
class WatchersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static String hook(Path out) {
        // A real program with an argument array; each alert appends "<status> <check>" as one line.
        return "[/usr/bin/python3, -c, \"import sys; open(sys.argv[1], 'a').write(sys.argv[2] + '\\\\n')\", '"
                + out + "', '{status} {watcher}/{check}']";
    }

    private static String watchers(Path hook) {
        return """
                watchers:
                  drift: { file: drift.yaml, interval: 200ms }
                  uptime: { file: uptime.yaml, interval: 200ms }
                  strays: { interval: 10m }
                  alerts:
                    failures: 2
                    successes: 2
                    command: %s
                """.formatted(hook(hook));
    }

    private void files(WatchFleet fleet, int deadPort) throws IOException {
        Files.writeString(dir.resolve("drift.yaml"), """
                checks:
                  - name: web loaded
                    job: %s
                  - name: marker present
                    file: marker.txt
                """.formatted(fleet.label));
        Files.writeString(dir.resolve("uptime.yaml"), """
                targets:
                  - name: site
                    url: http://127.0.0.1:%d/
                    body: watched site
                  - name: nothing there
                    url: http://127.0.0.1:%d/
                    timeout: 1s
                """.formatted(fleet.port, deadPort));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Waits until {@code path} reports a run that started after {@code after}: the watcher has cycled since. */
    private static JsonNode runAfter(WatchFleet fleet, String path, Instant after) {
        return await().atMost(WAIT).until(() -> fleet.json(path), n -> n != null
                && Instant.parse(n.path("at").asText()).isAfter(after));
    }

    @Test
    void driftAndUptimeRunOnTheirIntervalsAndServeResultsMetricsAndOneAlertPerChange() throws Exception {
        Path alerts = dir.resolve("alerts.txt");
        Files.writeString(dir.resolve("marker.txt"), "here");
        int deadPort = WatchFleet.freePort();
        try (WatchFleet fleet = new WatchFleet(dir, watchers(alerts), f -> files(f, deadPort))) {

            JsonNode drift = await().atMost(WAIT).until(() -> fleet.json("/api/v1/drift"),
                    n -> n != null && n.path("results").size() == 2);
            assertThat(drift.path("failed").asInt()).isZero();
            assertThat(drift.path("results").get(0).path("detail").asText()).contains(fleet.label);
            assertThat(drift.path("fileError").isNull()).isTrue();
            JsonNode uptime = await().atMost(WAIT).until(() -> fleet.json("/api/v1/uptime"),
                    n -> n != null && n.path("results").size() == 2);
            assertThat(uptime.path("results").get(0).path("up").asBoolean()).isTrue();
            assertThat(uptime.path("results").get(0).path("status").asInt()).isEqualTo(200);
            assertThat(uptime.path("results").get(1).path("up").asBoolean()).isFalse();
            assertThat(uptime.path("results").get(1).path("problems").get(0).asText()).contains("connection refused");

            String scrape = fleet.get("/metrics").body();
            assertThat(scrape).contains("launchguard_drift_check_ok{check=\"web loaded\"} 1.0")
                    .contains("launchguard_drift_check_ok{check=\"marker present\"} 1.0")
                    .contains("launchguard_uptime_up{target=\"site\"} 1.0")
                    .contains("launchguard_uptime_up{target=\"nothing there\"} 0.0")
                    .contains("launchguard_uptime_response_time_seconds{target=\"site\"}")
                    .doesNotContain("check=\"file marker.txt\"").doesNotContain("target=\"http");

            // The dead target fires once after two failures, and stays quiet while it keeps failing.
            await().atMost(WAIT).until(() -> lines(alerts).contains("firing uptime/nothing there"));
            runAfter(fleet, "/api/v1/uptime", Instant.now().plusMillis(600));
            assertThat(lines(alerts)).containsExactly("firing uptime/nothing there");

            Files.delete(dir.resolve("marker.txt"));
            await().atMost(WAIT).until(() -> lines(alerts).contains("firing drift/marker present"));
            Files.writeString(dir.resolve("marker.txt"), "back");
            await().atMost(WAIT).until(() -> lines(alerts).contains("resolved drift/marker present"));
            runAfter(fleet, "/api/v1/drift", Instant.now().plusMillis(600));
            assertThat(lines(alerts)).containsExactly("firing uptime/nothing there", "firing drift/marker present",
                    "resolved drift/marker present");
            assertThat(fleet.launchguard.watchers().firing()).containsExactly("uptime/nothing there");
        }
    }

    @Test
    void aBadDriftFileAtReloadKeepsTheRunningChecksAndNeverTouchesTheJobs() throws Exception {
        Files.writeString(dir.resolve("drift.yaml"), "checks:\n  - name: marker present\n    file: marker.txt\n");
        try (WatchFleet fleet = new WatchFleet(dir, "watchers:\n  drift: { file: drift.yaml, interval: 200ms }\n")) {
            await().atMost(WAIT).until(() -> fleet.json("/api/v1/drift"), n -> n != null);
            OptionalLong pid = fleet.launchguard.supervisor().job(fleet.label).orElseThrow().pid();
            Files.writeString(dir.resolve("drift.yaml"), "checks:\n  - name: marker present\n    fil: marker.txt\n");

            assertThat(fleet.launchguard.reload(fleet.config)).isTrue();

            JsonNode drift = runAfter(fleet, "/api/v1/drift", Instant.now());
            assertThat(drift.path("fileError").asText()).isEqualTo(dir.resolve("drift.yaml") + ": checks[0]: has no kind; "
                    + "each check has exactly one of: job, plist, port, process, file, config, env, command, unwatched");
            assertThat(drift.path("results").get(0).path("check").asText()).isEqualTo("marker present");
            assertThat(fleet.launchguard.supervisor().job(fleet.label).orElseThrow().pid()).isEqualTo(pid);

            WatchFleet.Reply uptime = fleet.get("/api/v1/uptime");
            assertThat(uptime.status()).isEqualTo(404);
            assertThat(uptime.body()).isEqualTo("{\"error\":\"the uptime watcher is not configured; set "
                    + "watchers.uptime.file in launchguard.yaml (docs/watchers.md)\"}");
        }
    }

    @Test
    void aWatcherWhoseFileNeverLoadedAnswers503WithTheReason() throws Exception {
        Files.writeString(dir.resolve("uptime.yaml"), "targets:\n  - url: http://127.0.0.1:1/\n");
        try (WatchFleet fleet = new WatchFleet(dir, "watchers:\n  uptime: { file: uptime.yaml }\n")) {
            WatchFleet.Reply reply = fleet.get("/api/v1/uptime");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.body()).isEqualTo("{\"error\":\"the uptime watcher is not running: " + dir.resolve("uptime.yaml")
                    + ": targets[0].name: is missing; inside launchguard run every target needs a name (its metric tag, "
                    + "which is never a URL)\"}");
        }
    }
}
