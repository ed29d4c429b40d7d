package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.time.Latency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ApiRouterTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";
    static final String MODEL = "com.example.model";

    static final String MODEL_JSON = """
            {"label":"com.example.model","state":"READY","since":"2025-03-01T10:00:11Z","pid":4242,\
            "lastProbes":{"liveness":{"target":"http://127.0.0.1:8080/healthz","outcome":"up","status":200,\
            "durationMs":1.234,"detail":"","consecutiveFailures":0,"at":"2025-03-01T10:00:30Z"},\
            "readiness":{"target":"http://127.0.0.1:8080/ready","outcome":"timeout","status":null,\
            "durationMs":500.0,"detail":"no answer within 500 ms","consecutiveFailures":2,"at":"2025-03-01T10:00:31Z"}},\
            "restarts":[{"at":"2025-03-01T10:00:10Z","reason":"wedge","evidence":"state T (stopped)","oldPid":41,\
            "snapshot":"20261207T170512.345Z-41"}],\
            "respawns":[{"cause":"wedge","stoppedServingAt":"2025-03-01T10:00:09Z","oldPid":41,"newPid":4242,\
            "totalMs":1750.0,"phasesMs":{"detection":600.0,"kill":20.0,"spawnWait":0.0,"startToPort":1000.0,\
            "portToReady":130.0}}],"lastRespawnMs":1750.0,"startedAt":"2025-03-01T10:00:10Z",\
            "restartCounts":{"lastHour":1,"lastDay":1},"reason":null,"hint":null,"quarantine":null,"readyBudgetMs":0.0}""";

    static final String WEB_JSON = """
            {"label":"com.example.web","state":"STARTING","since":"2025-03-01T10:00:00Z","pid":null,\
            "lastProbes":{},"restarts":[],"respawns":[],"lastRespawnMs":null,"startedAt":null,\
            "restartCounts":{"lastHour":0,"lastDay":0},"reason":null,"hint":null,"quarantine":null,"readyBudgetMs":0.0}""";

    /** A job as its own route shows it: with its process tree, {@code process}. */
    static String alone(String json, String process) {
        return json.substring(0, json.length() - 1) + ",\"process\":" + process + "}";
    }

    private final InMemoryFleet fleet = new InMemoryFleet()
            .add(InMemoryFleet.recovered(MODEL, 4242))
            .add(InMemoryFleet.job("com.example.web", HealthState.STARTING, OptionalLong.empty()));
    private final ApiRouter router = new ApiRouter(fleet, TOKEN);

    private ApiResponse get(String uri) {
        return router.route(ApiRequest.of("GET", uri)).join();
    }

    private CompletableFuture<ApiResponse> post(String uri, String authorization) {
        return router.route(new ApiRequest("POST", uri, Optional.ofNullable(authorization)));
    }

    @Test
    void servesTheScrapeAsPrometheusText() {
        ApiResponse response = get("/metrics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.bodyText()).isEqualTo(fleet.scrape());
    }

    @Test
    void healthzAnswersOkWhileHealthyAnd503Otherwise() {
        assertThat(get("/healthz").status()).isEqualTo(200);
        assertThat(get("/healthz").bodyText()).isEqualTo("ok\n");

        fleet.healthy(false);
        ApiResponse sick = get("/healthz");
        assertThat(sick.status()).isEqualTo(503);
        assertThat(sick.contentType()).isEqualTo("application/json");
        assertThat(sick.bodyText())
                .isEqualTo("{\"error\":\"launchguard is not healthy: its probe loops or job manager stalled\"}");
    }

    @Test
    void listsEveryJobInFleetOrderWithProbesRestartsAndRespawns() {
        ApiResponse response = get("/api/v1/jobs");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.bodyText()).isEqualTo("{\"jobs\":[" + MODEL_JSON + "," + WEB_JSON + "]}");
    }

    @Test
    void showsOneJobWithNullsForWhatIsAbsent() {
        assertThat(get("/api/v1/jobs/com.example.model").bodyText()).isEqualTo(alone(MODEL_JSON, "null"));
        assertThat(get("/api/v1/jobs/com.example.web").bodyText()).isEqualTo(alone(WEB_JSON, "null"));
        assertThat(get("/api/v1/jobs/com.example.web?verbose=1").status()).isEqualTo(200);
    }

    @Test
    void aQuarantinedJobSaysWhyWhenItsTrialComesAndWhatToRunInTheJsonAndOnThePage() {
        java.time.Instant since = InMemoryFleet.T0.plusSeconds(60);
        fleet.add(new JobView("com.example.storm", HealthState.QUARANTINED, since, OptionalLong.empty(), Map.of(),
                List.of(), List.of(), Optional.of("5 restarts within 600 s: launchguard stopped restarting it"),
                Optional.of("launchguard reset com.example.storm"),
                Optional.of(new dev.launchguard.fleet.QuarantineView(since, "process 7 exited (exit 1)", 5,
                        java.time.Duration.ofMinutes(10), since.plusSeconds(300))),
                java.time.Duration.ofSeconds(30), Optional.empty(), dev.launchguard.fleet.RestartCounts.NONE));

        String json = get("/api/v1/jobs/com.example.storm").bodyText();

        assertThat(json).contains("\"state\":\"QUARANTINED\"", "\"pid\":null",
                "\"reason\":\"5 restarts within 600 s: launchguard stopped restarting it\"",
                "\"hint\":\"launchguard reset com.example.storm\"",
                "\"quarantine\":{\"since\":\"2025-03-01T10:01:00Z\",\"evidence\":\"process 7 exited (exit 1)\","
                        + "\"maxRestarts\":5,\"windowMs\":600000.0,\"trialAt\":\"2025-03-01T10:06:00Z\"}",
                "\"readyBudgetMs\":30000.0");
        assertThat(get("/").bodyText()).contains("<span class=\"reason\">5 restarts within 600 s: launchguard stopped "
                + "restarting it</span><span class=\"hint\">run <code>launchguard reset com.example.storm</code></span>")
                .contains("<td class=\"pid\" data-h=\"pid\"><div class=\"cell\">–</div></td>");
    }

    @Test
    void answers404NamingAnUnknownJob() {
        ApiResponse response = get("/api/v1/jobs/com.example.gone");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"job 'com.example.gone' is not watched by launchguard; "
                + "it watches com.example.model, com.example.web\"}");
    }

    @Test
    void the404ForAMistypedLabelNamesTheNearestWatchedOne() {
        assertThat(get("/api/v1/jobs/com.example.wbe").bodyText()).isEqualTo("{\"error\":\"job 'com.example.wbe' is "
                + "not watched by launchguard; did you mean 'com.example.web'?\"}");
        assertThat(get("/api/v1/jobs/model").bodyText()).isEqualTo("{\"error\":\"job 'model' is "
                + "not watched by launchguard; did you mean 'com.example.model'?\"}");
        assertThat(post("/api/v1/jobs/com.example.modle/kickstart", "Bearer " + TOKEN).join().bodyText())
                .contains("did you mean 'com.example.model'?");
    }

    @Test
    void oneJobCarriesTheCpuAndMemoryOfItsProcessTree() {
        fleet.usage(MODEL, new ProcessUsage(List.of(4242L, 4243L), 12.5, 34_000_000));

        assertThat(get("/api/v1/jobs/com.example.model").bodyText()).isEqualTo(alone(MODEL_JSON,
                "{\"pids\":[4242,4243],\"cpuPercent\":12.5,\"rssBytes\":34000000}"));
    }

    @Test
    void logsNeedTheTokenAndAnswerAPieceOfTheFile() {
        fleet.logText(MODEL, "/var/log/model.out", "one\ntwo\n");

        assertThat(get("/api/v1/jobs/com.example.model/logs").status()).isEqualTo(401);
        ApiResponse logs = router.route(new ApiRequest("GET", "/api/v1/jobs/com.example.model/logs?stream=stdout",
                Optional.of("Bearer " + TOKEN))).join();
        assertThat(logs.status()).isEqualTo(200);
        assertThat(logs.bodyText()).isEqualTo("{\"path\":\"/var/log/model.out\",\"offset\":0,\"next\":8,\"size\":8,"
                + "\"text\":\"one\\ntwo\\n\",\"file\":\"(dev=1,ino=2)\"}");
    }

    @Test
    void logsOfAJobWhosePlistNamesNoFileAre404AndABadQuery400() {
        ApiResponse missing = router.route(new ApiRequest("GET", "/api/v1/jobs/com.example.web/logs?stream=stderr",
                Optional.of("Bearer " + TOKEN))).join();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.bodyText()).isEqualTo("{\"error\":\"job 'com.example.web' has no StandardErrorPath in its plist\"}");

        for (String query : List.of("stream=both", "offset=-1", "limit=0", "limit=99999999", "lines=3", "offset=x")) {
            ApiResponse bad = router.route(new ApiRequest("GET", "/api/v1/jobs/com.example.web/logs?" + query,
                    Optional.of("Bearer " + TOKEN))).join();
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.bodyText()).as(query).startsWith("{\"error\":\"logs of job 'com.example.web': ");
        }
    }

    @Test
    void rejectsALabelWithCharactersOutsideReverseDns() {
        for (String label : List.of("bad%20label", "..", "a..b", "-leading", "x%2Fy", "")) {
            ApiResponse response = get("/api/v1/jobs/" + label);
            assertThat(response.status()).as(label).isEqualTo(400);
            assertThat(response.bodyText()).as(label).isEqualTo(
                    "{\"error\":\"a job label in the path may hold only letters, digits, '.', '-' and '_'\"}");
        }
    }

    @Test
    void answersUnknownPathsWith404() {
        for (String path : List.of("/nope", "/api/v1/jobs/com.example.model/restart", "/api/v1/jobs/a/b/c", "/metrics/")) {
            ApiResponse response = get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.bodyText()).as(path)
                    .isEqualTo("{\"error\":\"no endpoint at '" + path + "'; see /api/v1/jobs, /api/v1/drift, /api/v1/uptime, /api/v1/strays, /metrics, /healthz\"}");
        }
    }

    @Test
    void refusesARequestTargetThatIsNotAPath() {
        ApiResponse response = get("http://127.0.0.1:9470/metrics");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"the request target must be a path starting with '/'\"}");
    }

    @Test
    void answersAWrongMethodWith405AndTheAllowedOne() {
        ApiResponse listPost = router.route(ApiRequest.of("POST", "/api/v1/jobs")).join();
        assertThat(listPost.status()).isEqualTo(405);
        assertThat(listPost.headers()).containsEntry("Allow", "GET");
        assertThat(listPost.bodyText()).isEqualTo("{\"error\":\"method POST is not allowed on /api/v1/jobs; use GET\"}");

        ApiResponse kickstartGet = get("/api/v1/jobs/com.example.model/kickstart");
        assertThat(kickstartGet.status()).isEqualTo(405);
        assertThat(kickstartGet.headers()).containsEntry("Allow", "POST");

        assertThat(router.route(ApiRequest.of("DELETE", "/")).join().status()).isEqualTo(405);
        assertThat(fleet.kickstarted()).isEmpty();
    }

    @Test
    void kickstartWithoutATokenIs401WithAChallenge() {
        for (String authorization : new String[] {null, "Basic dXNlcjpwYXNz", "Bearer", "Bearer "}) {
            ApiResponse response = post("/api/v1/jobs/com.example.model/kickstart", authorization).join();
            assertThat(response.status()).as(authorization).isEqualTo(401);
            assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer");
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"kickstart needs 'Authorization: Bearer <token>' "
                    + "with the token from launchguard's token file\"}");
        }
        assertThat(fleet.kickstarted()).isEmpty();
    }

    @Test
    void kickstartWithAWrongTokenIs403() {
        for (String token : List.of(TOKEN + "0", TOKEN.substring(1), "0123456789abcdef0123456789abcdeF")) {
            ApiResponse response = post("/api/v1/jobs/com.example.model/kickstart", "Bearer " + token).join();
            assertThat(response.status()).as(token).isEqualTo(403);
            assertThat(response.bodyText())
                    .isEqualTo("{\"error\":\"the bearer token does not match launchguard's token file\"}");
        }
        assertThat(fleet.kickstarted()).isEmpty();
    }

    @Test
    void kickstartWithTheTokenAnswers202WithTheJob() {
        ApiResponse response = post("/api/v1/jobs/com.example.model/kickstart", "bearer " + TOKEN).join();

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.bodyText()).isEqualTo(MODEL_JSON.replace("\"state\":\"READY\"", "\"state\":\"RECOVERING\""));
        assertThat(fleet.kickstarted()).containsExactly(MODEL);
    }

    @Test
    void kickstartAnswersOnlyWhenTheFleetHasIssuedIt() {
        CompletableFuture<JobView> issued = new CompletableFuture<>();
        fleet.onKickstart(label -> issued);

        CompletableFuture<ApiResponse> answer = post("/api/v1/jobs/com.example.web/kickstart", "Bearer " + TOKEN);
        assertThat(answer).isNotDone();

        issued.complete(InMemoryFleet.job("com.example.web", HealthState.RECOVERING, OptionalLong.of(77)));
        assertThat(answer.join().status()).isEqualTo(202);
        assertThat(answer.join().bodyText()).contains("\"state\":\"RECOVERING\",").contains("\"pid\":77,");
    }

    @Test
    void kickstartOfAnUnknownOrInvalidJobIs404Or400() {
        assertThat(post("/api/v1/jobs/com.example.gone/kickstart", "Bearer " + TOKEN).join().status()).isEqualTo(404);
        assertThat(post("/api/v1/jobs/bad%3Clabel/kickstart", "Bearer " + TOKEN).join().status()).isEqualTo(400);
        assertThat(fleet.kickstarted()).isEmpty();
    }

    @Test
    void aFailedKickstartIs500NamingTheJob() {
        fleet.onKickstart(label -> CompletableFuture.failedFuture(
                new JobManagerException(label, "could not be kickstarted: launchctl exit 113")));

        ApiResponse response = post("/api/v1/jobs/com.example.model/kickstart", "Bearer " + TOKEN).join();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText())
                .isEqualTo("{\"error\":\"job 'com.example.model' could not be kickstarted: launchctl exit 113\"}");
    }

    @Test
    void aKickstartThatThrowsIs500WithoutAStackTrace() {
        fleet.onKickstart(label -> {
            throw new IllegalStateException("executor shut down");
        });

        ApiResponse response = post("/api/v1/jobs/com.example.model/kickstart", "Bearer " + TOKEN).join();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"job 'com.example.model' could not be kickstarted: "
                + "java.lang.IllegalStateException: executor shut down\"}");
    }

    @Test
    void aFailingSnapshotReadIs500WithAGenericMessage() {
        ApiRouter broken = new ApiRouter(new InMemoryFleet() {
            @Override
            public List<JobView> jobs() {
                throw new IllegalStateException("watcher map corrupted");
            }
        }, TOKEN);

        ApiResponse response = broken.route(ApiRequest.of("GET", "/api/v1/jobs")).join();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"launchguard failed to answer /api/v1/jobs\"}");
    }

    @Test
    void statusPageListsJobsEscapedUnderAStrictPolicy() {
        fleet.add(InMemoryFleet.job("<script>alert(1)</script>", HealthState.WEDGED, OptionalLong.of(9)));
        fleet.add(InMemoryFleet.job("a&b\"c'd|e", HealthState.WEDGED, OptionalLong.of(10)));

        ApiResponse page = get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.headers()).containsEntry("Content-Security-Policy", "default-src 'none'; style-src 'self'; "
                + "script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; "
                + "base-uri 'none'");
        String html = page.bodyText();
        assertThat(html).contains("<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>")
                .contains("<tr id=\"job-com.example.model\" data-state=\"READY\">")
                .contains("<tr id=\"job-com.example.web\" data-state=\"STARTING\">")
                .contains("<a href=\"/jobs/&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</a>")
                .contains("<a href=\"/jobs/a&amp;b&quot;c&#39;d|e\">a&amp;b&quot;c&#39;d|e</a>")
                .doesNotContain("<script>").doesNotContain("style=").doesNotContain("onload")
                .doesNotContain("http://").doesNotContain("https://");
        // The only script is the page's own file: nothing inline for the policy to let through.
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).contains("<script src=\"/page.js\" defer></script>");
    }

    @Test
    void statusPageShowsSubSecondLatencyInMilliseconds() {
        assertThat(Latency.format(130.0)).isEqualTo("130.0 ms");
        assertThat(Latency.format(999.94)).isEqualTo("999.9 ms");
        assertThat(Latency.format(15_000.0)).isEqualTo("15.00 s");
    }

    @Test
    void responsesCarryNoExtraHeadersBeyondTheRouteOwn() {
        assertThat(get("/api/v1/jobs").headers()).isEqualTo(Map.of());
    }

    @Test
    void refusesARequestAddressedToAnotherNameWith421BeforeAnythingElse() {
        ApiRouter router = new ApiRouter(fleet, dev.launchguard.watch.WatchView.NONE, TOKEN,
                HostPolicy.of(List.of("mac-studio.local")));

        ApiResponse rebound = router.route(new ApiRequest("GET", "/api/v1/jobs", Optional.empty(),
                Optional.of("rebind.attacker.example:9470"))).join();
        ApiResponse kickstart = router.route(new ApiRequest("POST", "/api/v1/jobs/" + MODEL + "/kickstart",
                Optional.of("Bearer " + TOKEN), Optional.of("rebind.attacker.example"))).join();
        ApiResponse named = router.route(new ApiRequest("GET", "/api/v1/jobs", Optional.empty(),
                Optional.of("mac-studio.local:9470"))).join();

        assertThat(rebound.status()).isEqualTo(421);
        assertThat(rebound.bodyText()).isEqualTo("{\"error\":\"this launchguard answers requests addressed to "
                + "localhost, an IP address or mac-studio.local, not to 'rebind.attacker.example:9470' (set api.hosts "
                + "in launchguard.yaml to add a name)\"}");
        assertThat(kickstart.status()).isEqualTo(421);
        assertThat(fleet.kickstarted()).isEmpty();
        assertThat(named.status()).isEqualTo(200);
    }

    @Test
    void theJobListHealthzMetricsAndPageNeedNoToken() {
        for (String path : List.of("/api/v1/jobs", "/api/v1/jobs/" + MODEL, "/healthz", "/metrics", "/")) {
            assertThat(get(path).status()).as(path).isEqualTo(200);
        }
    }
}
