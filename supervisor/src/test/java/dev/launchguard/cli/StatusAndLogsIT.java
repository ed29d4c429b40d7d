package dev.launchguard.cli;

import static dev.launchguard.cli.LiveFleet.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code launchguard status LABEL} and {@code logs LABEL} against a real launchguard, engine and python3 job. */
class StatusAndLogsIT {

    @TempDir
    Path dir;

    private LiveFleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new LiveFleet(dir);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void statusOfOneJobShowsItsUptimeProcessTreeProbesAndARestartWithItsRespawn() {
        long pid = fleet.view().pid().orElseThrow();

        LiveFleet.Run first = fleet.cli("status", WEB);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith(WEB + ": READY since ")
                .contains("  pid:        " + pid + ", up ")
                .containsPattern("  process:    1 process \\(" + pid + "\\), CPU \\d+\\.\\d %, RSS \\d+\\.\\d MiB\n")
                .contains("  restarts:   0 in the last hour, 0 in the last day\n")
                .contains("last probes:\n  liveness   up ")
                .doesNotContain("recent restarts");

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.view().respawns().size() == 1
                && fleet.view().pid().isPresent() && fleet.view().pid().getAsLong() != pid);
        fleet.awaitReady();
        LiveFleet.Run after = fleet.cli("status", WEB);

        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).contains("  restarts:   1 in the last hour, 1 in the last day\n")
                .containsPattern("recent restarts, newest first:\n  \\S+  crash  pid " + pid + ": ")
                .containsPattern("    respawn \\S+ \\S+ to pid " + fleet.view().pid().getAsLong() + ": detection ");
        LiveFleet.Run json = fleet.cli("status", WEB, "--json");
        assertThat(json.out()).contains("\"restartCounts\":{\"lastHour\":1,\"lastDay\":1}").contains("\"process\":{\"pids\":[");
    }

    @Test
    void aMistypedLabelExitsOneNamingTheWatchedOne() {
        LiveFleet.Run run = fleet.cli("status", "dev.launchguard.test.wbe");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("launchguard status: job 'dev.launchguard.test.wbe' is not watched by launchguard; "
                + "did you mean '" + WEB + "'?\n");
        assertThat(fleet.cli("logs", "web").err()).contains("did you mean '" + WEB + "'?");
    }

    @Test
    void logsPrintsTheEndOfTheStderrFileAndSaysWhenThePlistNamesNoStdoutFile() throws Exception {
        String marker = get("/status-and-logs-marker");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve(WEB + ".err.log")).contains(marker));

        LiveFleet.Run stderr = fleet.cli("logs", WEB, "--stderr", "-n", "50");
        LiveFleet.Run stdout = fleet.cli("logs", WEB);

        assertThat(stderr.exit()).as(stderr.err()).isZero();
        assertThat(stderr.out()).contains("\"GET " + marker + " HTTP/1.1\" 404");
        assertThat(stdout.exit()).isEqualTo(1);
        assertThat(stdout.err()).isEqualTo("launchguard logs: job '" + WEB + "' has no StandardOutPath in its plist "
                + fleet.plist + ", so its stdout is not kept in a file\n");
    }

    @Test
    void logsFollowSeesANewLineAndATruncatedFileFromTheStart() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = new Thread(() -> {
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit.set(cli.execute("logs", WEB, "--stderr", "-f", "-n", "1", "--state-dir", fleet.state.toString()));
        }, "logs-follower");
        follower.start();
        try {
            // A long line: the file is then far longer than the probes' access lines refill between two polls
            // after the truncation (about 300 bytes a second), so the follower sees it shorter than it read.
            String marker = get("/followed-line-" + "x".repeat(4_000));
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("\"GET " + marker + " HTTP/1.1\""));

            Files.write(dir.resolve(WEB + ".err.log"), new byte[0]);
            await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains(
                    "was truncated or replaced; reading it again from the start"));
            String again = get("/after-truncation");
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("\"GET " + again + " HTTP/1.1\""));

            // Replaced by a longer file (a rotation that copied a bigger one in): its size alone would not tell.
            Path log = dir.resolve(WEB + ".err.log");
            Path bigger = Files.writeString(dir.resolve("replacement.log"), "x".repeat((int) Files.size(log) + 100)
                    + "\nreplacement-marker\n");
            Files.move(bigger, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("replacement-marker"));
            assertThat(err.toString().split("was truncated or replaced", -1)).hasSize(3);
        } finally {
            follower.interrupt();
            follower.join(Duration.ofSeconds(10).toMillis());
        }
        assertThat(follower.isAlive()).isFalse();
        assertThat(exit.get()).as(err.toString()).isZero();
    }

    @Test
    void logsWithNothingAnsweringSaysLaunchguardIsNotRunning() throws Exception {
        int closed = LiveFleet.freePort();

        LiveFleet.Run run = fleet.cli("logs", WEB, "--url", "http://127.0.0.1:" + closed);

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("launchguard logs: launchguard is not running at http://127.0.0.1:" + closed
                + " (found through --url); start it with 'launchguard run' (or './launchguard demo'): nothing listens "
                + "there (connection refused)\n");
    }

    /** Asks the job for {@code path} (a 404 the server logs to stderr); returns the path. */
    private String get(String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fleet.port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        return path;
    }
}
