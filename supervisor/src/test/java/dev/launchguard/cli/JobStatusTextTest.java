package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobStatusTextTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:05:10Z");

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void rendersStateUptimeRestartsWithTheirRespawnPhasesProbesAndTheProcessTree() throws Exception {
        JsonNode job = json("""
                {"label":"com.example.model","state":"READY","since":"2025-03-01T10:00:11Z","pid":4242,
                 "lastProbes":{"liveness":{"target":"http://127.0.0.1:8080/healthz","outcome":"up","status":200,
                   "durationMs":1.234,"detail":"","consecutiveFailures":0,"at":"2025-03-01T10:05:09Z"},
                  "readiness":{"target":"http://127.0.0.1:8080/ready","outcome":"timeout","status":null,
                   "durationMs":500.0,"detail":"no answer within 500 ms","consecutiveFailures":2,"at":"2025-03-01T10:05:08Z"}},
                 "restarts":[{"at":"2025-03-01T09:00:00Z","reason":"crash","evidence":"process 40 exited","oldPid":40},
                   {"at":"2025-03-01T10:00:10Z","reason":"wedge","evidence":"state T (stopped)","oldPid":41,"snapshot":"s-17"}],
                 "respawns":[{"cause":"wedge","stoppedServingAt":"2025-03-01T10:00:09Z","oldPid":41,"newPid":4242,
                   "totalMs":1750.0,"phasesMs":{"detection":600.0,"kill":20.0,"spawnWait":0.0,"startToPort":1000.0,
                   "portToReady":130.0}}],
                 "lastRespawnMs":1750.0,"startedAt":"2025-03-01T10:00:10Z","restartCounts":{"lastHour":1,"lastDay":2},
                 "process":{"pids":[4242,4243],"cpuPercent":12.5,"rssBytes":35651584}}""");

        assertThat(JobStatusText.render(job, NOW)).isEqualTo("""
                com.example.model: READY since 2025-03-01T10:00:11Z (4m 59s ago)
                  pid:        4242, up 5m 0s (started 2025-03-01T10:00:10Z)
                  process:    2 processes (4242, 4243), CPU 12.5 %, RSS 34.0 MiB
                  restarts:   1 in the last hour, 2 in the last day
                recent restarts, newest first:
                  2025-03-01T10:00:10Z  wedge  pid 41: state T (stopped)
                    snapshot s-17 (launchguard snapshot com.example.model s-17)
                    respawn 1.75 s to pid 4242: detection 600.0 ms, kill 20.0 ms, spawn wait 0.0 ms, start to port \
                1.00 s, port to ready 130.0 ms
                  2025-03-01T09:00:00Z  crash  pid 40: process 40 exited
                last probes:
                  liveness   up          1.2 ms  http://127.0.0.1:8080/healthz (HTTP 200) at 2025-03-01T10:05:09Z
                  readiness  timeout   500.0 ms  http://127.0.0.1:8080/ready: no answer within 500 ms, 2 failed in a \
                row at 2025-03-01T10:05:08Z
                """);
    }

    @Test
    void showsWhyAndWhatToDoNextAndNoPidForAJobThatIsGone() throws Exception {
        JsonNode job = json("""
                {"label":"com.example.web","state":"QUARANTINED","since":"2025-03-01T10:05:00Z","pid":null,
                 "reason":"5 restarts within 2m","hint":"launchguard reset com.example.web",
                 "quarantine":{"since":"2025-03-01T10:05:00Z","evidence":"process 7 exited (status 1)",
                   "trialAt":"2025-03-01T10:10:00Z"},
                 "lastProbes":{},"restarts":[],"respawns":[],"lastRespawnMs":null,"startedAt":null}""");

        assertThat(JobStatusText.render(job, NOW)).isEqualTo("""
                com.example.web: QUARANTINED since 2025-03-01T10:05:00Z (10s ago)
                  why:        5 restarts within 2m
                  next:       launchguard reset com.example.web
                  quarantine: since 2025-03-01T10:05:00Z, trial restart at 2025-03-01T10:10:00Z: process 7 exited \
                (status 1)
                  pid:        none (no process runs)
                """);
    }

    @Test
    void lastLinesKeepsTheEndOfTheText() {
        assertThat(LogsCommand.lastLines("a\nb\nc\n", 2)).isEqualTo("b\nc\n");
        assertThat(LogsCommand.lastLines("a\nb\nc", 1)).isEqualTo("c");
        assertThat(LogsCommand.lastLines("a\nb\n", 5)).isEqualTo("a\nb\n");
        assertThat(LogsCommand.lastLines("a\nb\n", 0)).isEmpty();
    }
}
