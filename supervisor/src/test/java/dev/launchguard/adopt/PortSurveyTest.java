package dev.launchguard.adopt;

import static dev.launchguard.adopt.LoopbackServers.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.launchguard.adopt.LoopbackServers.Answer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The survey against real loopback sockets that answer as each kind of port does. */
class PortSurveyTest {

    private static final String MODEL = "all-minilm-l6-v2";
    /** Short, so the silent cases end soon; long enough for a loaded CI host to answer on loopback. */
    private static final PortSurvey.Settings QUICK = new PortSurvey.Settings(Duration.ofMillis(700), 8, false);

    private final LoopbackServers servers = new LoopbackServers();

    @AfterEach
    void close() throws Exception {
        servers.close();
    }

    /** An OpenAI-compatible embeddings server: the model list, and a POST-only /v1/embeddings. */
    static Answer openAi(String method, String path) {
        if (path.equals("/v1/models") && method.equals("GET")) {
            return Answer.json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}");
        }
        if (path.equals("/v1/embeddings")) {
            return method.equals("POST") ? Answer.json(200, "{\"data\":[{\"embedding\":[0.1]}]}")
                    : new Answer(405, Map.of("Allow", "POST"), "{\"error\":{\"message\":\"use POST\"}}");
        }
        return Answer.json(404, "{\"error\":\"not found\"}");
    }

    private PortFinding survey(int port) {
        return new PortSurvey(QUICK).survey(LOOPBACK, port);
    }

    @Test
    void findsAnOpenAiServerAndItsEmbeddingsRouteWithoutAPost() throws Exception {
        PortFinding f = survey(servers.http(PortSurveyTest::openAi));

        assertThat(f.protocol()).isEqualTo(Protocol.HTTP);
        OpenAi api = f.openAi().orElseThrow();
        assertThat(api.models()).containsExactly(MODEL);
        assertThat(api.inferenceRoute()).isEqualTo("/v1/embeddings");
        assertThat(api.inferenceBody()).isEqualTo("{\"model\":\"" + MODEL + "\",\"input\":\"ping\"}");
        assertThat(api.inferenceTook()).isEmpty();
        assertThat(api.why()).contains("405");
        assertThat(f.kserve()).isEmpty();
        assertThat(servers.posts()).isZero();
        assertThat(f.exchange("GET", "/v1/models").orElseThrow().line()).startsWith("GET /v1/models → 200 in ")
                .endsWith("models: " + MODEL);
    }

    @Test
    void sendsExactlyOneTinyInferenceWhenAllowedAndTimesIt() throws Exception {
        int port = servers.http(PortSurveyTest::openAi);
        PortFinding f = new PortSurvey(new PortSurvey.Settings(Duration.ofMillis(700), 8, true)).survey(LOOPBACK, port);

        assertThat(f.openAi().orElseThrow().inferenceTook()).isPresent();
        assertThat(servers.posts()).isEqualTo(1);
        assertThat(servers.requests).contains("POST /v1/embeddings");
    }

    @Test
    void neverSendsMoreThanMaxRequestsNorAPostWithoutInference() throws Exception {
        int port = servers.http(PortSurveyTest::openAi);
        for (int max = 1; max <= 8; max++) {
            servers.requests.clear();
            PortFinding f = new PortSurvey(new PortSurvey.Settings(Duration.ofMillis(700), max, false))
                    .survey(LOOPBACK, port);
            assertThat(servers.requests).as("max %d", max).hasSizeLessThanOrEqualTo(max)
                    .allMatch(r -> r.startsWith("GET "));
            assertThat(f.requests()).isEqualTo(servers.requests.size());
        }
        servers.requests.clear();
        new PortSurvey(new PortSurvey.Settings(Duration.ofMillis(700), 2, true)).survey(LOOPBACK, port);
        assertThat(servers.requests).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void findsKServeLiveWhileReadyIsStill503() throws Exception {
        PortFinding f = survey(servers.http((method, path) -> switch (path) {
            case "/v2/health/live" -> Answer.json(200, "");
            case "/v2/health/ready" -> Answer.json(503, "{\"error\":\"model loading\"}");
            default -> Answer.json(404, "{\"error\":\"not found\"}");
        }));

        assertThat(f.openAi()).isEmpty();
        assertThat(f.kserve()).contains(new KServe(200, 503, "GET /v2/health/live → 200, GET /v2/health/ready → 503 "
                + "(not ready yet: loading)"));
    }

    @Test
    void findsANextJsSiteByItsHeaderAndItsHealthRoute() throws Exception {
        PortFinding f = survey(servers.http((method, path) -> switch (path) {
            case "/" -> new Answer(200, Map.of("X-Powered-By", "Next.js", "Content-Type", "text/html"),
                    "<div id=\"__next\"></div>");
            case "/api/health" -> Answer.json(200, "{\"ok\":true}");
            default -> new Answer(404, Map.of("X-Powered-By", "Next.js"), "");
        }));

        assertThat(f.nextJs()).contains(new NextJs("x-powered-by: Next.js", Optional.of("/api/health")));
        assertThat(f.kserve()).isEmpty();
        assertThat(f.root().orElseThrow().status()).hasValue(200);
    }

    @Test
    void recordsWhatPlainHttpAnswered() throws Exception {
        PortFinding f = survey(servers.http((method, path) -> new Answer(401, Map.of("WWW-Authenticate", "Basic"), "")));

        assertThat(f.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(f.openAi()).isEmpty();
        assertThat(f.kserve()).isEmpty();
        assertThat(f.nextJs()).isEmpty();
        assertThat(f.root().orElseThrow().status()).hasValue(401);
        assertThat(f.url("/")).isEqualTo("http://127.0.0.1:" + f.port() + "/");
    }

    @Test
    void aRedirectIsRecordedNotFollowed() throws Exception {
        PortFinding f = survey(servers.http((method, path) -> path.equals("/")
                ? new Answer(307, Map.of("Location", "/login"), "") : Answer.json(404, "")));

        assertThat(f.root().orElseThrow().status()).hasValue(307);
        assertThat(f.root().orElseThrow().note()).contains("redirects to /login (not followed)");
        assertThat(servers.requests).doesNotContain("GET /login");
    }

    @Test
    void aPortThatAcceptsAndSaysNothingIsSilentTcp() throws Exception {
        PortFinding f = survey(servers.backlogOnly());

        assertThat(f.protocol()).isEqualTo(Protocol.TCP_SILENT);
        assertThat(f.connectTook()).isPresent();
        assertThat(f.exchange("GET", "/v1/models").orElseThrow().note()).isEqualTo("timed out after 700ms");
    }

    @Test
    void aServerThatNeverAnswersEndsWithinItsDeadlines() throws Exception {
        int port = servers.raw(new byte[0]);
        PortFinding f = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> survey(port));

        assertThat(f.protocol()).isEqualTo(Protocol.TCP_SILENT);
        assertThat(servers.requests).containsExactly("GET /v1/models HTTP/1.1");
    }

    @Test
    void namesSshFromItsBannerAndSendsItNothing() throws Exception {
        PortFinding f = survey(servers.raw("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(f.protocol()).isEqualTo(Protocol.SSH);
        assertThat(f.requests()).isZero();
        assertThat(f.exchanges().get(0).note()).isEqualTo("said first: 'SSH-2.0-OpenSSH_9.6', SSH from its banner");
        assertThat(servers.requests).isEmpty();
    }

    @Test
    void namesAWellKnownPortWithoutSendingItAnything() throws Exception {
        int mongo = 27017;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(mongo, 8, LOOPBACK)) {
            PortFinding f = survey(mongo);

            assertThat(f.protocol()).isEqualTo(Protocol.MONGODB);
            assertThat(f.requests()).isZero();
            assertThat(f.exchanges().get(0).note()).isEqualTo("said nothing in 300ms, MongoDB named from its port; "
                    + "no HTTP sent");
        } catch (java.net.BindException e) {
            Assumptions.abort("port 27017 is taken on this host: " + e.getMessage());
        }
    }

    @Test
    void namesRedisFromItsErrorReplyToHttp() throws Exception {
        PortFinding f = survey(servers.raw(new byte[0],
                "-ERR wrong number of arguments for 'get' command\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(f.protocol()).isEqualTo(Protocol.REDIS);
        assertThat(f.requests()).isEqualTo(1);
    }

    @Test
    void anUnknownReplyIsOther() throws Exception {
        PortFinding f = survey(servers.raw(new byte[0], "hello stranger\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(f.protocol()).isEqualTo(Protocol.OTHER);
        assertThat(f.exchange("GET", "/v1/models").orElseThrow().note())
                .isEqualTo("not HTTP: 'hello stranger', answered the request line alone; no header sent");
    }

    @Test
    void aRefusedPortIsNoAnswer() {
        PortFinding f = survey(LoopbackServers.refused());

        assertThat(f.protocol()).isEqualTo(Protocol.NO_ANSWER);
        assertThat(f.connectTook()).isEmpty();
        assertThat(f.exchanges()).singleElement().extracting(Exchange::note).isEqualTo("connection refused");
    }

    @Test
    void refusesAnAddressThatIsNotLoopback() throws Exception {
        InetAddress remote = InetAddress.getByName("192.0.2.1");

        assertThatThrownBy(() -> new PortSurvey(QUICK).survey(remote, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("address '192.0.2.1' is not loopback; the survey asks only 127.0.0.0/8 or ::1");
    }

    @Test
    void surveysIpv6LoopbackAndWritesItsHostInBrackets() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        int port;
        try {
            port = servers.http(v6, (method, path) -> Answer.json(path.equals("/") ? 200 : 404, "{}"));
        } catch (java.net.SocketException e) {
            Assumptions.abort("no ::1 on this host: " + e.getMessage());
            return;
        }

        PortFinding f = new PortSurvey(QUICK).survey(v6, port);

        assertThat(f.host()).isEqualTo("::1");
        assertThat(f.root().orElseThrow().status()).hasValue(200);
        assertThat(f.url("/")).isEqualTo("http://[::1]:" + port + "/");
    }

    @Test
    void writesAnIpv6HostInBrackets() {
        PortFinding f = new PortFinding("::1", 8080, Protocol.HTTPS, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(f.url("/v1/models")).isEqualTo("https://[::1]:8080/v1/models");
        assertThat(f.hostPort()).isEqualTo("[::1]:8080");
    }
}
