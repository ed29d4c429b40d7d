package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A running launchguard re-reads its configuration: a bad file changes nothing, a good one applies
 * (a job it adds is exported at zero, a job it removes takes its series along).
 * A file beyond a limit is refused in one log line while the API keeps answering, and reading the
 * file, however slow, never holds up the API.
 */
class LaunchguardReloadIT {

    private static final String WEB = "dev.launchguard.test.reload";

    @TempDir
    Path dir;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Logger log = (Logger) LoggerFactory.getLogger(NextConfig.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Launchguard launchguard;
    private Path config;
    private int port;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws IOException {
        port = freePort();
        Path plists = Files.createDirectories(dir.resolve("plists"));
        Path www = Files.createDirectories(dir.resolve("www"));
        Plists.write(LaunchdJob.of(WEB, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(2)),
                plists.resolve(WEB + ".plist"));
        logged.start();
        log.addAppender(logged);
        config = dir.resolve("launchguard.yaml");
        Files.writeString(config, yaml("500ms"));
        launchguard = Launchguard.start(new ConfigLoader(dir).load(config), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> view().state() == HealthState.READY);
    }

    private String yaml(String interval) {
        return "listen: 127.0.0.1:0\nplists: plists\nengine: embedded\nstateDir: state\njobs:\n"
                + "  - label: " + WEB + "\n    liveness: { http: \"http://127.0.0.1:" + port + "/\", interval: "
                + interval + " }\n";
    }

    private JobView view() {
        return launchguard.supervisor().job(WEB).orElseThrow();
    }

    @AfterEach
    void stop() {
        log.detachAppender(logged);
        launchguard.close();
    }

    private int healthz() {
        try {
            return HTTP.send(HttpRequest.newBuilder(launchguard.url().resolve("/healthz")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Reloads on a thread of its own, as SIGHUP does, with /healthz polled until the reload is over. */
    private boolean reloadWhileTheApiIsAsked() {
        CompletableFuture<Boolean> reload = CompletableFuture.supplyAsync(() -> launchguard.reload(config));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .failFast("/healthz did not answer 200 while the file was read", () -> healthz() != 200)
                .until(reload::isDone);
        assertThat(healthz()).isEqualTo(200);
        return reload.join();
    }

    private static String jobs(int count) {
        StringBuilder jobs = new StringBuilder();
        for (int i = 0; i < count; i++) {
            jobs.append("  - label: dev.launchguard.test.many").append(i).append("\n    liveness: http://127.0.0.1:1/\n");
        }
        return jobs.toString();
    }

    @Test
    void aBadFileIsRefusedAndTheRunningJobIsUntouched() throws IOException {
        long pid = view().pid().orElseThrow();
        JobView before = view();
        Files.writeString(config, yaml("500ms").replace("interval: 500ms", "interval: 500ms, timeout: 2s"));

        assertThat(launchguard.reload(config)).isFalse();

        JobView after = view();
        assertThat(after.state()).isEqualTo(HealthState.READY);
        assertThat(after.pid()).hasValue(pid);
        assertThat(after.since()).isEqualTo(before.since());
        assertThat(launchguard.config().job(WEB).orElseThrow().liveness().interval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aGoodFileReplacesTheChangedWatcherAndKeepsTheProcess() throws IOException {
        long pid = view().pid().orElseThrow();
        Files.writeString(config, yaml("1s"));

        assertThat(launchguard.reload(config)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> view().state() == HealthState.READY);
        assertThat(view().pid()).hasValue(pid);
        assertThat(view().restarts()).isEmpty();
    }

    @Test
    void aJobAddedByAReloadIsExportedAtZeroAndARemovedJobsSeriesGo() throws IOException {
        String added = "label=\"dev.launchguard.test.many0\"";
        Files.writeString(config, yaml("500ms") + jobs(1));

        assertThat(launchguard.reload(config)).isTrue();
        assertThat(launchguard.supervisor().scrape())
                .contains("launchguard_restarts_total{" + added + ",reason=\"crash\"} 0.0")
                .contains("launchguard_respawn_duration_seconds_bucket{" + added + ",le=\"15.0\"} 0")
                .contains("launchguard_probes_total{" + added + ",outcome=\"refused\",probe=\"liveness\"}");

        Files.writeString(config, yaml("500ms"));
        assertThat(launchguard.reload(config)).isTrue();

        assertThat(launchguard.supervisor().scrape()).doesNotContain(added)
                .contains("launchguard_restarts_total{label=\"" + WEB + "\",reason=\"crash\"} 0.0")
                .contains("launchguard_job_up{label=\"" + WEB + "\"} 1.0");
    }

    @Test
    void everyFileBeyondALimitIsOneRejectedLineWithTheApiAnsweringAndTheJobUntouched() throws IOException {
        JobView before = view();
        String good = yaml("500ms");
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(good.replace(WEB, "a".repeat(4_000_000)), "line 6: '- label: aaaa");
        refusals.put(good + "#".repeat(5 << 20) + "\n", " bytes; a file may have at most 4194304 (4 MiB)");
        refusals.put(good + "extra: " + "[".repeat(40) + "]".repeat(40) + "\n", ": extra[0]");
        refusals.put(good.replace("interval: 500ms", "interval: 500ms, interval: 1s"), "jobs[0].liveness.interval: is given twice");
        refusals.put(good + jobs(5_000), ": jobs: 5001 entries are more than the 1000 allowed");
        refusals.put(good.replace("stateDir: state", "stateDir: plists/" + WEB + ".plist"), "stateDir: '");
        refusals.put(good.replace("interval: 500ms", "interval: 99999999999999999999s"), "is out of range");

        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            logged.list.clear();
            Files.writeString(config, refusal.getKey());

            assertThat(reloadWhileTheApiIsAsked()).isFalse();

            assertThat(logged.list).singleElement().satisfies(line -> {
                assertThat(line.getLevel()).isEqualTo(Level.WARN);
                assertThat(line.getThrowableProxy()).isNull();
                assertThat(line.getFormattedMessage()).startsWith("Reload rejected, nothing changed: " + config)
                        .contains(refusal.getValue()).endsWith(" file=" + config).doesNotContain("\n");
            });
        }
        assertThat(view().pid()).isEqualTo(before.pid());
        assertThat(view().since()).isEqualTo(before.since());
        assertThat(view().state()).isEqualTo(HealthState.READY);
        assertThat(launchguard.config().jobs()).hasSize(1);
    }

    @Test
    void aReloadWaitingOnItsFileNeverHoldsUpTheApi() throws Exception {
        Path fifo = dir.resolve("launchguard-fifo.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<Boolean> reload = CompletableFuture.supplyAsync(() -> launchguard.reload(fifo));

        try {
            // The reload is blocked opening the pipe for as long as nothing writes to it.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> healthz() == 200 && !reload.isDone() && launchguard.supervisor().jobs().size() == 1);
            Files.writeString(fifo, yaml("500ms").replace("interval: 500ms", "interval: 500ms, interval: 1s"));

            assertThat(reload.get(30, TimeUnit.SECONDS)).isFalse();
        } finally {
            if (!reload.isDone()) {
                // A reload still waiting for a writer would hold up close() (a regression this test is for).
                Files.writeString(fifo, "jobs: []\n");
            }
        }
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("jobs[0].liveness.interval: is given twice");
    }
}
