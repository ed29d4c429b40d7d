package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.drift.DriftReport;
import dev.launchguard.drift.DriftResult;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.ProcessUsage;
import dev.launchguard.fleet.QuarantineView;
import dev.launchguard.fleet.RespawnRecord;
import dev.launchguard.fleet.RestartCounts;
import dev.launchguard.health.HealthState;
import dev.launchguard.recovery.RestartReason;
import dev.launchguard.strays.StrayReport;
import dev.launchguard.uptime.UptimeReport;
import dev.launchguard.uptime.UptimeResult;
import dev.launchguard.watch.WatchState;
import dev.launchguard.watch.WatchView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The status pages as a reader with and without the token sees them, rendered from fixed views. */
class StatusPageTest {

    private static final String TOKEN = ApiRouterTest.TOKEN;
    private static final String MODEL = ApiRouterTest.MODEL;
    /** Five minutes after the fixed views' T0 + 10 s restart. */
    private static final Instant NOW = InMemoryFleet.T0.plusSeconds(310);

    private final InMemoryFleet fleet = new InMemoryFleet()
            .add(InMemoryFleet.recovered(MODEL, 4242))
            .add(InMemoryFleet.job("com.example.web", HealthState.STARTING, OptionalLong.empty()))
            .usage(MODEL, new ProcessUsage(List.of(4242L, 4243L), 12.5, 3L << 20))
            .logText(MODEL, "/var/log/model.out", "loaded all-minilm-l6-v2\nserving on 8080\n");

    private WatchView watchers = WatchView.NONE;

    private ApiRouter router() {
        return new ApiRouter(fleet, watchers, TOKEN, HostPolicy.loopbackOnly(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ApiResponse get(String uri, String authorization) {
        return router().route(new ApiRequest("GET", uri, Optional.ofNullable(authorization))).join();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRowTellsUptimeRestartsTheLastRestartProbeLatencyUsageAndRespawnsAtAGlance() {
        String html = get("/", null).bodyText();

        String row = html.substring(html.indexOf("<tr id=\"job-" + MODEL + "\""), html.indexOf("</tr>",
                html.indexOf("<tr id=\"job-" + MODEL + "\"")));
        assertThat(row).contains("data-state=\"READY\"", "<span class=\"state-name\">READY</span>",
                "<div class=\"cell\">4242</div>",
                // started at T0 + 10 s, now T0 + 310 s
                "<td class=\"uptime\" data-h=\"up\"><div class=\"cell\">5m 0s</div>",
                "<span class=\"hour\">1</span> in 1 h · <span class=\"day\">1</span> in 24 h",
                "<span class=\"when\"><time datetime=\"2025-03-01T10:00:10Z\" title=\"2025-03-01T10:00:10Z\">5m 0s ago"
                        + "</time></span> <span class=\"why\">wedge</span>",
                "of pid 41", "1.2 ms <span class=\"ok\">up</span>", "12.5 % · 3.0 MiB",
                "<svg class=\"spark\"", "<title>1 respawn, median 1.75 s, slowest 1.75 s, target 15 s</title>",
                "last 1.75 s");
        assertThat(html).contains("<title>1 not ready · launchguard</title>",
                "<span class=\"count\" data-state=\"READY\">1 READY</span>",
                "<span class=\"count\" data-state=\"STARTING\">1 STARTING</span>");
    }

    @Test
    void evidenceAndSnapshotLinksShowOnlyWithTheTokenAsBearerOrAsABasicPassword() {
        String open = get("/", null).bodyText();
        assertThat(open).doesNotContain("state T (stopped)").doesNotContain("/snapshots/")
                .contains("<a class=\"signin\" href=\"/signin\">sign in to see the evidence</a>");

        for (String auth : List.of("Bearer " + TOKEN, basic("anyone", TOKEN), basic("", TOKEN))) {
            String html = get("/", auth).bodyText();
            assertThat(html).as(auth).contains("<div class=\"evidence\">state T (stopped)</div>",
                    "<a class=\"snapshot\" href=\"/api/v1/jobs/com.example.model/snapshots/20261207T170512.345Z-41\">",
                    "signed in: evidence and logs shown");
        }
        assertThat(get("/", basic("anyone", "wrong")).bodyText()).doesNotContain("state T (stopped)");
        assertThat(get("/", "Basic !!not-base64!!").bodyText()).doesNotContain("state T (stopped)");
        assertThat(get("/", "Basic " + Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)))
                .bodyText()).as("no colon: no password").doesNotContain("state T (stopped)");
    }

    @Test
    void signInChallengesForBasicUntilTheTokenComesThenReturnsToThePage() {
        ApiResponse challenge = get("/signin", null);
        assertThat(challenge.status()).isEqualTo(401);
        assertThat(challenge.headers().get("WWW-Authenticate")).startsWith("Basic realm=\"launchguard: ");
        assertThat(challenge.bodyText()).contains("API token as the password", "~/.launchguard/token");

        assertThat(get("/signin", basic("me", "nope")).status()).isEqualTo(401);

        ApiResponse in = get("/signin", basic("me", TOKEN));
        assertThat(in.status()).isEqualTo(303);
        assertThat(in.headers()).containsEntry("Location", "/");
    }

    @Test
    void basicCredentialsReadEvidenceButNeverChangeState() {
        String auth = basic("me", TOKEN);
        ApiResponse snapshot = get("/api/v1/jobs/" + MODEL + "/logs", auth);
        assertThat(snapshot.status()).isEqualTo(200);

        ApiResponse kickstart = router().route(new ApiRequest("POST", "/api/v1/jobs/" + MODEL + "/kickstart",
                Optional.of(auth))).join();
        assertThat(kickstart.status()).isEqualTo(401);
        assertThat(fleet.kickstarted()).isEmpty();
        ApiResponse postedLogs = router().route(new ApiRequest("POST", "/api/v1/jobs/" + MODEL + "/logs",
                Optional.of(auth))).join();
        assertThat(postedLogs.status()).isEqualTo(401);
    }

    @Test
    void aJobsPageListsItsRestartsRespawnPhasesProbesAndWithTheTokenItsLogs() {
        ApiResponse page = get("/jobs/" + MODEL, "Bearer " + TOKEN);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers()).containsKey("Content-Security-Policy");
        String html = page.bodyText();
        assertThat(html).contains("<h1>com.example.model</h1>", "<table id=\"restarts\"", "<tr class=\"restart\">",
                "<table id=\"respawns\"", "41 → 4242", "<svg class=\"chart\"",
                "<tr class=\"probe\" data-role=\"liveness\">", "<tr class=\"probe\" data-role=\"readiness\">",
                "no answer within 500 ms", "2 processes, CPU 12.5 %, RSS 3.0 MiB",
                "<pre class=\"log\" id=\"log-stdout\">loaded all-minilm-l6-v2\nserving on 8080\n</pre>",
                "the last 20 are kept");

        String open = get("/jobs/" + MODEL, null).bodyText();
        assertThat(open).doesNotContain("serving on 8080").doesNotContain("state T (stopped)")
                .contains("to see the ends of its stdout and stderr");
    }

    @Test
    void aJobsPageRefusesABadLabelAndNamesAnUnknownJobAsAPage() {
        ApiResponse unknown = get("/jobs/com.example.gone", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(unknown.bodyText()).contains("launchguard watches no job 'com.example.gone'");

        ApiResponse bad = get("/jobs/a%2F..%2Fb", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(router().route(ApiRequest.of("POST", "/jobs/" + MODEL)).join().status()).isEqualTo(405);
    }

    @Test
    void aQuarantinedJobShowsNoPidWhyWhenItsTrialComesAndTheCommandBack() {
        Instant since = InMemoryFleet.T0.plusSeconds(100);
        // Its last liveness answer came from the instance that is gone.
        fleet.add(new JobView("com.example.storm", HealthState.QUARANTINED, since, OptionalLong.empty(),
                Map.of(dev.launchguard.probe.ProbeRole.LIVENESS, new dev.launchguard.fleet.ProbeView(
                        "http://127.0.0.1:9/", dev.launchguard.probe.Outcome.UP, since, Duration.ofMillis(3),
                        OptionalInt.of(200), "", 0)),
                List.of(), List.of(), Optional.of("5 restarts within 10m: launchguard stopped restarting it"),
                Optional.of("launchguard reset com.example.storm"),
                Optional.of(new QuarantineView(since, "process 7 exited (exit 1)", 5, Duration.ofMinutes(10),
                        since.plusSeconds(1800))),
                Duration.ofSeconds(30), Optional.empty(), new RestartCounts(5, 5)));

        String html = get("/jobs/com.example.storm", null).bodyText();
        assertThat(html).contains("data-state=\"QUARANTINED\"", "none (no process runs)",
                "after 5 restarts within 10m 0s", "in 26m 30s", "<code>launchguard reset com.example.storm</code>")
                .doesNotContain("process 7 exited");
        assertThat(get("/jobs/com.example.storm", "Bearer " + TOKEN).bodyText()).contains("process 7 exited (exit 1)");

        String overview = get("/", null).bodyText();
        String row = overview.substring(overview.indexOf("<tr id=\"job-com.example.storm\""));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains(
                "<td class=\"probe\" data-h=\"probe\"><div class=\"cell\">–</div></td>").doesNotContain("3.0 ms");
        // Named above the table, with why, the not-ready STARTING job too; the READY one is not.
        String attention = overview.substring(overview.indexOf("<ul id=\"attention\""),
                overview.indexOf("</ul>", overview.indexOf("<ul id=\"attention\"")));
        assertThat(attention).contains("<a href=\"#job-com.example.storm\">com.example.storm</a> <span class=\"bad\">"
                + "QUARANTINED</span> <span class=\"muted\">5 restarts within 10m", "com.example.web")
                .doesNotContain(MODEL);
        assertThat(overview.indexOf("id=\"attention\"")).isLessThan(overview.indexOf("<table id=\"jobs\""));
    }

    @Test
    void respawnBarsOverTheTargetAreMarkedAndTheScaleHoldsTheSlowest() {
        RespawnRecord fast = respawn(Duration.ofMillis(800));
        RespawnRecord slow = respawn(Duration.ofSeconds(30));

        String chart = PageHtml.chart(List.of(fast, slow), 14, 240, 120, "chart");

        assertThat(chart).contains("aria-label=\"2 respawns, median 15.40 s, slowest 30.00 s, target 15 s\"");
        assertThat(chart.split("class=\"bar over\"", -1)).hasSize(2);
        assertThat(chart.split("class=\"bar\"", -1)).hasSize(2);
        // The slowest bar fills the height (118 px of 120); the target line sits at half of it.
        assertThat(chart).contains("height=\"118\"><title>30.00 s (wedge)</title>", "y1=\"61\" y2=\"61\"",
                "15 s target</text>");

        String spark = PageHtml.chart(List.of(fast, slow), 6, 120, 28, "spark");
        assertThat(spark).contains("<title>2 respawns, median 15.40 s, slowest 30.00 s, target 15 s</title>",
                // 120 - 2 × (6 + 1) = 106: the first bar, 1 px of the 30 s scale; the second, 26 px, over
                "<path class=\"bar\" d=\"M106 28v-1h6v1z\"></path>",
                "<path class=\"bar over\" d=\"M113 28v-26h6v26z\"></path>", "y1=\"15\" y2=\"15\"")
                .doesNotContain("<rect").doesNotContain("<text");
    }

    @Test
    void theWatchersShowAFailingDriftCheckAnExpiringCertificateAndStrays() {
        DriftReport drift = new DriftReport(NOW.minusSeconds(20), Duration.ofMillis(40), List.of(
                new DriftResult("model-weights", "sha256", false, "sha256 of /models/w.onnx is ab12…, expected cd34…"),
                new DriftResult("disk", "free", true, "42 GiB free")), Optional.empty());
        UptimeReport uptime = new UptimeReport(NOW.minusSeconds(5), Duration.ofMillis(30), List.of(
                new UptimeResult("https://127.0.0.1:8443/", true, OptionalInt.of(200), Duration.ofMillis(12),
                        Optional.of(NOW.plus(Duration.ofDays(5)).plusSeconds(3600)),
                        List.of("certificate expires in 5 days")),
                new UptimeResult("http://127.0.0.1:3000/", true, OptionalInt.of(200), Duration.ofMillis(3),
                        Optional.empty(), List.of())));
        StrayReport strays = new StrayReport(NOW.minusSeconds(2), List.of(MODEL),
                List.of(new Diagnosis.Problem(Diagnosis.Kind.DUPLICATE, MODEL, OptionalLong.of(777), Optional.empty(),
                        "process 777 (python3 serve.py) carries the job's tag outside its instance")),
                List.of(), List.of(), false);
        watchers = new WatchView() {
            @Override
            public WatchState<DriftReport> drift() {
                return new WatchState<>(true, Optional.of(drift), Optional.empty());
            }

            @Override
            public WatchState<UptimeReport> uptime() {
                return new WatchState<>(true, Optional.of(uptime), Optional.empty());
            }

            @Override
            public WatchState<StrayReport> strays() {
                return new WatchState<>(true, Optional.empty(), Optional.of("strays.yaml line 3: unknown key 'reep'"));
            }
        };

        String html = get("/", null).bodyText();

        assertThat(html).contains("1 of 2 failing",
                "<li class=\"check\" data-check=\"model-weights\" data-ok=\"false\"><span class=\"bad\">FAIL</span>",
                "<li class=\"check\" data-check=\"disk\" data-ok=\"true\">",
                "<tr class=\"target\" data-target=\"https://127.0.0.1:8443/\" data-healthy=\"false\">",
                "<td class=\"tls-days\" data-h=\"TLS days left\"><div class=\"cell\">5</div></td>",
                "certificate expires in 5 days", "1 of 2 unhealthy",
                "its file was refused, the previous checks keep running: strays.yaml line 3: unknown key &#39;reep&#39;"
                        .replace("&#39;", "'"),
                "the first run has not finished yet")
                .doesNotContain("expected cd34");
        assertThat(html.indexOf("model-weights")).as("failing checks first").isLessThan(html.indexOf("data-check=\"disk\""));
        assertThat(get("/", "Bearer " + TOKEN).bodyText()).contains("expected cd34");

        watchers = new WatchView() {
            @Override
            public WatchState<DriftReport> drift() {
                return WatchState.off();
            }

            @Override
            public WatchState<UptimeReport> uptime() {
                return WatchState.off();
            }

            @Override
            public WatchState<StrayReport> strays() {
                return new WatchState<StrayReport>(true, Optional.empty(), Optional.empty()).withLatest(strays);
            }
        };
        String withStrays = get("/", "Bearer " + TOKEN).bodyText();
        assertThat(withStrays).contains("no drift checks configured", "no uptime targets configured",
                "1 orphaned, 0 squatting", "<li class=\"orphan\">", "pid 777", "(duplicate)",
                "carries the job&#39;s tag".replace("&#39;", "'"));
    }

    @Test
    void thePhoneLayoutNamesEveryCellAndTheAssetsAreServedWithTheirTypes() {
        String html = get("/", null).bodyText();
        for (String heading : List.of("job", "state", "pid", "up", "restarts", "last restart", "probe", "CPU · RSS",
                "respawns")) {
            assertThat(html).contains("data-h=\"" + heading + "\"");
        }
        ApiResponse css = get("/page.css", null);
        assertThat(css.contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(css.bodyText()).contains("prefers-color-scheme: dark", "@media (max-width: 760px)");
        ApiResponse js = get("/page.js", null);
        assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(js.bodyText()).contains("body.dataset.live = 'on'", "querySelector('main')");
        assertThat(router().route(ApiRequest.of("POST", "/page.js")).join().status()).isEqualTo(405);
    }

    @Test
    void aPageWithNoJobsSaysHowToAddThem() {
        InMemoryFleet empty = new InMemoryFleet();
        String html = new ApiRouter(empty, WatchView.NONE, TOKEN, HostPolicy.loopbackOnly(),
                Clock.fixed(NOW, ZoneOffset.UTC)).route(ApiRequest.of("GET", "/")).join().bodyText();
        assertThat(html).contains("<h1>0 jobs</h1>", "launchguard init", "<title>all ready · launchguard</title>")
                .doesNotContain("<table id=\"jobs\"");
    }

    private static RespawnRecord respawn(Duration total) {
        return new RespawnRecord(RestartReason.WEDGE, InMemoryFleet.T0, OptionalLong.of(1), OptionalLong.of(2), total,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}
