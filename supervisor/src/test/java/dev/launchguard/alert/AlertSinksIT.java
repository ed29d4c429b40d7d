package dev.launchguard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.launchguard.config.WatchersConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The webhook and command sinks against a real loopback HTTP receiver and a real program. */
class AlertSinksIT {

    private static final Alert FIRING = new Alert(Alert.Status.FIRING, "drift", "model loaded",
            "job 'dev.example.model' is loaded but STOPPED", Instant.parse("2026-12-01T10:00:00Z"), 3);

    @TempDir
    Path dir;

    private HttpServer receiver;
    private AlertDispatch dispatch;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    /** A receiver that answers {@code failing} times with {@code status} before it accepts. */
    private URI receiver(int failing, int status) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int answer = calls.incrementAndGet() <= failing ? status : 204;
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();

    private WebhookSink webhook(URI url, int attempts) {
        return new WebhookSink(new WatchersConfig.Webhook(url, attempts, Duration.ofMillis(50), Duration.ofSeconds(2)),
                retries);
    }

    @AfterEach
    void stop() {
        retries.shutdownNow();
        if (dispatch != null) {
            dispatch.closeNow();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void webhookRetriesTwoServerErrorsWithBackoffThenDeliversOnce() throws Exception {
        WebhookSink sink = webhook(receiver(2, 500), 5);

        boolean delivered = sink.deliver(FIRING).get(10, TimeUnit.SECONDS);

        assertThat(delivered).isTrue();
        assertThat(bodies).hasSize(3);
        JsonNode body = new ObjectMapper().readTree(bodies.get(2));
        assertThat(body.path("status").asText()).isEqualTo("firing");
        assertThat(body.path("watcher").asText()).isEqualTo("drift");
        assertThat(body.path("check").asText()).isEqualTo("model loaded");
        assertThat(body.path("streak").asInt()).isEqualTo(3);
        assertThat(body.path("summary").asText())
                .isEqualTo("FIRING drift 'model loaded': job 'dev.example.model' is loaded but STOPPED");
        assertThat(bodies).containsOnly(bodies.get(0));
    }

    @ParameterizedTest(name = "{0} answers of {1} with {2} attempts: delivered={3} after {4} requests")
    @CsvSource({
        "100, 503, 3, false, 3", // gives up after its attempts
        "100, 400, 5, false, 1", // a client error is final
        "1, 429, 2, true, 2"     // too many requests is retried
    })
    void webhookRetriesOnlyWhatMaySucceedLaterAndStopsAtItsAttempts(int failing, int status, int attempts,
            boolean delivered, int requests) throws Exception {
        WebhookSink sink = webhook(receiver(failing, status), attempts);

        boolean result = sink.deliver(FIRING).get(10, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(delivered);
        assertThat(bodies).hasSize(requests);
    }

    @Test
    void commandHookRunsAnArgumentArrayWithTheAlertInArgumentsAndEnvironment() throws Exception {
        Path out = dir.resolve("alerts.txt");
        String script = "import os, sys; open(sys.argv[1], 'a').write(sys.argv[2] + '|' "
                + "+ os.environ['LAUNCHGUARD_ALERT_CHECK'] + '\\n')";
        dispatch = new AlertDispatch(new WatchersConfig.Alerts(3, 2, Optional.empty(), Optional.of(new WatchersConfig.Command(
                List.of("/usr/bin/python3", "-c", script, out.toString(), "{status} {check}; $(touch x)"),
                Duration.ofSeconds(10)))));

        dispatch.accept(FIRING);

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out) && Files.readString(out).endsWith("\n"));
        assertThat(Files.readString(out)).isEqualTo("firing model loaded; $(touch x)|model loaded\n");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    /** A loopback Alertmanager stand-in at {@code path} that answers 503 to its first {@code failing} posts. */
    private static HttpServer alertmanager(String path, List<String> posts, List<String> auth, int failing)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            auth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(posts.size() <= failing ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void alertmanagerSinkSendsToBothOfAnHaPairRepeatsWhileFiringAndEndsTheAlertAtItsResolution() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer one = alertmanager("/api/v2/alerts", first, auth, 1);
        HttpServer two = alertmanager("/prefix/api/v2/alerts", second, auth, 0);
        try {
            WatchersConfig.Alertmanager am = new WatchersConfig.Alertmanager(List.of(
                    new WatchersConfig.Webhook(URI.create("http://127.0.0.1:" + one.getAddress().getPort()
                            + "/api/v2/alerts"), 3, Duration.ofMillis(50), Duration.ofSeconds(2)),
                    new WatchersConfig.Webhook(URI.create("http://127.0.0.1:" + two.getAddress().getPort()
                            + "/prefix/api/v2/alerts"), 3, Duration.ofMillis(50), Duration.ofSeconds(2))),
                    Duration.ofSeconds(1), Optional.of("host-a"), java.util.Map.of(),
                    dev.launchguard.probe.ProbeHeaders.parse("am.headers", "Authorization: Bearer t0ken"),
                    "docs/operations.md");
            dispatch = new AlertDispatch(new WatchersConfig.Alerts(3, 2, Optional.empty(), Optional.empty(), Optional.of(am)));
            dispatch.accept(new Alert(Alert.Status.FIRING, "drift", "model loaded", "STOPPED", Instant.now(), 3));

            // Sent at once (the first Alertmanager's 503 retried), then again every second while it fires.
            await().atMost(Duration.ofSeconds(20)).until(() -> second.size() >= 3 && first.size() >= 4);
            for (List<String> posts : List.of(first.subList(1, first.size()), second)) {
                assertThat(posts).allSatisfy(post -> assertThat(new ObjectMapper().readTree(post)).singleElement()
                        .satisfies(a -> {
                            assertThat(a.path("labels").path("alertname").asText()).isEqualTo("LaunchguardDriftCheckFailing");
                            assertThat(a.path("labels").path("instance").asText()).isEqualTo("host-a");
                            assertThat(Instant.parse(a.path("endsAt").asText())).isAfter(Instant.now());
                        }));
            }
            assertThat(auth).containsOnly("Bearer t0ken");

            Instant resolved = Instant.now();
            dispatch.accept(new Alert(Alert.Status.RESOLVED, "drift", "model loaded", "ok", resolved, 2));

            String ended = resolved.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
            for (List<String> posts : List.of(first, second)) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        new ObjectMapper().readTree(posts.get(posts.size() - 1)).get(0).path("endsAt").asText())
                        .isEqualTo(ended));
            }
        } finally {
            one.stop(0);
            two.stop(0);
        }
    }

    @Test
    void aReloadThatAddsAnAlertmanagerSendsItWhatFiresAndWhatResolvedLatelyEnded() throws Exception {
        List<String> posts = new CopyOnWriteArrayList<>();
        HttpServer am = alertmanager("/api/v2/alerts", posts, new CopyOnWriteArrayList<>(), 0);
        try {
            dispatch = new AlertDispatch(new WatchersConfig.Alerts(3, 2, Optional.empty(), Optional.empty()));
            dispatch.accept(FIRING);
            dispatch.accept(new Alert(Alert.Status.FIRING, "uptime", "site", "refused", Instant.now(), 3));
            dispatch.accept(new Alert(Alert.Status.RESOLVED, "uptime", "site", "up", Instant.now(), 2));
            WatchersConfig.Alertmanager config = new WatchersConfig.Alertmanager(List.of(new WatchersConfig.Webhook(
                    URI.create("http://127.0.0.1:" + am.getAddress().getPort() + "/api/v2/alerts"), 1,
                    Duration.ofMillis(50), Duration.ofSeconds(2))), Duration.ofMinutes(1), Optional.of("host-a"),
                    java.util.Map.of(), dev.launchguard.probe.ProbeHeaders.none(), "docs/operations.md");

            AlertDispatch old = dispatch;
            dispatch = old.reconfigured(new WatchersConfig.Alerts(3, 2, Optional.empty(), Optional.empty(),
                    Optional.of(config)));
            old.close();

            await().atMost(Duration.ofSeconds(10)).until(() -> !posts.isEmpty());
            JsonNode sent = new ObjectMapper().readTree(posts.get(0));
            assertThat(sent).extracting(a -> a.path("labels").path("check").asText()).containsExactly("model loaded",
                    "site");
            assertThat(Instant.parse(sent.get(0).path("endsAt").asText())).as("firing").isAfter(Instant.now());
            assertThat(sent.get(0).path("startsAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
            assertThat(Instant.parse(sent.get(1).path("endsAt").asText())).as("resolved").isBefore(Instant.now());
        } finally {
            am.stop(0);
        }
    }
}
