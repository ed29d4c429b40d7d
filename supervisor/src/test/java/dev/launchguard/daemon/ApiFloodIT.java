package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The descriptor-exhaustion attack of issue 14, end to end: launchguard as operators run it, under
 * launchd's default file limit of 256 ({@code prlimit --nofile=256:256}), supervising three healthy
 * sites, while {@link SlowClients} hold 300 connections to its API, each sending a header byte every
 * 2 s (and reconnecting when closed) for 25 s. Supervision must not notice: no crash or wedge
 * verdict, no restart, every job READY with its first pid throughout; the API sheds the excess (503)
 * and cuts the trickling requests at their deadline (408), and answers {@code /healthz} again after.
 * The time it takes to answer again is a figure for benchmarks/api-flood.sh, not asserted here.
 */
class ApiFloodIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);
    /** The attack of the issue: 300 slow connections for 25 s at launchd's default descriptor limit. */
    static final int FILE_LIMIT = 256;
    static final int CONNECTIONS = 300;
    static final Duration ATTACK = Duration.ofSeconds(25);

    @TempDir
    Path dir;

    private Fleet fleet;
    private LaunchguardJar launchguard;
    private final Map<String, Integer> sites = new LinkedHashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (launchguard != null) {
            launchguard.close();
        }
        assertThat(Fleet.killLeftovers(List.copyOf(sites.keySet()))).as("processes left behind").isEmpty();
    }

    @Test
    void slowClientsAtTheFileLimitNeitherBlindSupervisionNorRestartAnything() throws Exception {
        fleet = new Fleet(dir);
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok\n");
        for (int i = 0; i < 3; i++) {
            String label = Fleet.label("flood" + i);
            int port = Fleet.freePort();
            sites.put(label, port);
            fleet.add(site(label, port, www), "    liveness: http://127.0.0.1:" + port + "/\n");
        }
        launchguard = LaunchguardJar.startUnder(fleet, "/usr/bin/prlimit", "--nofile=" + FILE_LIMIT + ":" + FILE_LIMIT, "--");
        await().atMost(START).until(() -> allReady(jobs()));
        Map<String, Long> pids = pids(jobs());
        int logMark = launchguard.output().length();

        SlowClients.Outcome outcome;
        try (SlowClients attack = SlowClients.start(java.net.URI.create(launchguard.base()).getPort(), CONNECTIONS)) {
            // The whole attack long: launchguard alive, every job's first process alive, no verdict logged.
            await().during(ATTACK).atMost(ATTACK.plusSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .until(() -> launchguard.process().isAlive() && pids.values().stream().allMatch(Fleet::alive)
                            && noVerdict(launchguard.output()));
            outcome = attack.outcome();
        }

        long ended = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> healthz() == 200);
        // Kept in the failsafe report for benchmarks/api-flood.sh: how soon the API answered again.
        System.out.printf("api-flood: healthz answered %d ms after the attack; %s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended), outcome);
        JsonNode after = jobs();
        assertThat(allReady(after)).as("every job READY after the attack: %s", after).isTrue();
        assertThat(pids(after)).as("same pids: nothing was restarted").isEqualTo(pids);
        after.path("jobs").forEach(j -> assertThat(j.path("restarts")).as("restarts of %s", j).isEmpty());
        assertThat(launchguard.output().substring(logMark)).as("launchguard's log from the attack on").doesNotContain("Job crashed")
                .doesNotContain("Job wedged").doesNotContain("Too many open files").doesNotContain("Job state changed");
        assertThat(outcome.shed()).as("connections answered 503 beyond the cap: %s", outcome).isPositive();
        assertThat(outcome.timedOut()).as("trickling requests answered 408 at their deadline: %s", outcome).isPositive();
    }

    private LaunchdJob site(String label, int port, Path www) {
        return LaunchdJob.of(label, List.of("/usr/bin/python3", "-m", "http.server", "--bind", "127.0.0.1",
                        "--directory", www.toString(), String.valueOf(port)))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(5))
                .withStandardOutPath(fleet.logs.resolve(label + ".log")).withStandardErrorPath(fleet.logs.resolve(label + ".log"));
    }

    private static boolean noVerdict(String log) {
        return !log.contains("Job crashed") && !log.contains("Job wedged");
    }

    /** The job list, or an empty one while the API does not answer (not started yet, or shedding). */
    private JsonNode jobs() throws IOException, InterruptedException {
        assertThat(launchguard.process().isAlive()).as("launchguard runs; its output: %s", launchguard.output()).isTrue();
        try {
            HttpResponse<String> r = Fleet.get(launchguard.base() + "/api/v1/jobs");
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
        } catch (java.net.ConnectException e) {
            return JSON.createObjectNode();
        }
    }

    private int healthz() {
        try {
            return Fleet.get(launchguard.base() + "/healthz").statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private boolean allReady(JsonNode jobs) {
        int ready = 0;
        for (JsonNode j : jobs.path("jobs")) {
            ready += "READY".equals(j.path("state").asText()) && j.path("pid").isNumber() ? 1 : 0;
        }
        return ready == sites.size();
    }

    private static Map<String, Long> pids(JsonNode jobs) {
        Map<String, Long> pids = new LinkedHashMap<>();
        jobs.path("jobs").forEach(j -> pids.put(j.path("label").asText(), j.path("pid").asLong()));
        return pids;
    }
}
