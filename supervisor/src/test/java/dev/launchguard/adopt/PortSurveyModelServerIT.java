package dev.launchguard.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The survey against the real sample model server: its OpenAI and KServe v2 routes, found by GET alone. */
class PortSurveyModelServerIT {

    private static final String MODEL = "all-minilm-l6-v2";

    @TempDir
    static Path dir;

    private static Process server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("launchguard.model.jar", "../sample-model-server/target/sample-model-server.jar"));
        assertThat(jar).as("the model server jar (built before the supervisor module)").isRegularFile();
        port = freePort();
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar.toString(), "--port", String.valueOf(port)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("model.log").toFile());
        pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        server = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void findsTheOpenAiEmbeddingsRouteAndKServeHealthByGetAlone() {
        PortFinding f = new PortSurvey(PortSurvey.Settings.defaults()).survey(InetAddress.getLoopbackAddress(), port);

        assertThat(f.protocol()).isEqualTo(Protocol.HTTP);
        OpenAi api = f.openAi().orElseThrow();
        assertThat(api.models()).contains(MODEL);
        assertThat(api.inferenceRoute()).isEqualTo("/v1/embeddings");
        assertThat(api.why()).isEqualTo("GET /v1/embeddings → 405: the route exists and takes POST");
        assertThat(f.kserve()).contains(new KServe(200, 200, "GET /v2/health/live → 200, GET /v2/health/ready → 200"));
        assertThat(f.exchanges()).noneMatch(e -> e.method().equals("POST"));
        assertThat(f.requests()).isLessThanOrEqualTo(8);
    }

    @Test
    void timesOneRealInferenceWhenAllowedAndProposesItAsLiveness() {
        PortFinding f = new PortSurvey(new PortSurvey.Settings(Duration.ofSeconds(10), 8, true))
                .survey(InetAddress.getLoopbackAddress(), port);

        Duration took = f.openAi().orElseThrow().inferenceTook().orElseThrow();
        assertThat(f.exchanges()).filteredOn(e -> e.method().equals("POST")).singleElement()
                .satisfies(e -> assertThat(e.status()).hasValue(200));

        Proposal p = ProbeProposer.propose("dev.launchguard.demo.model", List.of(f), Optional.empty(), Optional.empty());
        ProposedProbe live = p.liveness().orElseThrow();
        assertThat(live.target()).isEqualTo("http://127.0.0.1:" + port + "/v1/embeddings");
        assertThat(live.body()).contains("{\"model\":\"" + MODEL + "\",\"input\":\"ping\"}");
        Duration tenTimes = HttpTiming.roundUp(took.multipliedBy(10), Duration.ofMillis(100));
        Duration expected = tenTimes.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2)
                : tenTimes.compareTo(Duration.ofSeconds(9)) > 0 ? Duration.ofSeconds(9) : tenTimes;
        assertThat(live.timeout()).contains(expected);
        assertThat(live.interval()).contains(Duration.ofSeconds(10));
        assertThat(p.readiness().orElseThrow().target()).isEqualTo("http://127.0.0.1:" + port + "/v2/health/ready");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
