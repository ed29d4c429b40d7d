package dev.launchguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real jar with the real model, over real HTTP: start-up, both protocols, bad input on the wire. */
class ModelServerIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Enough warmup that start-up takes a few seconds, so the test can watch its progress. */
    private static final int WARMUP = 30;

    private static ServerProcess server;
    private static final List<JsonNode> readinessSeen = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = ServerProcess.start("model-server", List.of("-Xmx256m"), "--warmup", Integer.toString(WARMUP));
        await().atMost(ServerProcess.START_BOUND).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            HttpResponse<String> ready = server.get("/v2/health/ready");
            readinessSeen.add(((com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(ready.body()))
                    .put("status", ready.statusCode()));
            return ready.statusCode() == 200;
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void readyReportedGrowingProgressWith503UntilTheModelWasWarm() {
        JsonNode first = readinessSeen.get(0);
        JsonNode last = readinessSeen.get(readinessSeen.size() - 1);

        assertThat(first.get("status").asInt()).isEqualTo(503);
        assertThat(first.get("ready").asBoolean()).isFalse();
        assertThat(first.get("progress").get("total").asInt()).isEqualTo(WARMUP + 1);
        assertThat(readinessSeen).extracting(r -> r.get("progress").get("done").asInt()).isSorted();
        assertThat(last.get("phase").asText()).isEqualTo("ready");
        assertThat(last.get("progress").get("fraction").asDouble()).isEqualTo(1.0);
    }

    @Test
    void liveAnswers200() throws Exception {
        HttpResponse<String> live = server.get("/v2/health/live");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"live\":true}");
    }

    @Test
    void sameTextGivesTheSameVectorAndSimilarSentencesAreCloser() throws Exception {
        float[] cat = embed("a cat sits on the mat");
        float[] catAgain = embed("a cat sits on the mat");
        float[] kitten = embed("a kitten is sitting on a rug");
        float[] tax = embed("quarterly tax filing deadline");

        assertThat(catAgain).containsExactly(cat);
        assertThat(dot(cat, kitten)).isGreaterThan(dot(cat, tax) + 0.2);
    }

    @Test
    void kserveInferReturnsOneEmbeddingPerText() throws Exception {
        HttpResponse<String> response = server.post("/v2/models/all-minilm-l6-v2/infer",
                "{\"id\":\"it\",\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[2],"
                        + "\"data\":[\"hello\",\"world\"]}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode output = MAPPER.readTree(response.body()).get("outputs").get(0);
        assertThat(output.get("shape").toString()).isEqualTo("[2,384]");
        assertThat(output.get("data")).hasSize(768);
    }

    @Test
    void modelMetadataAndStatsAnswer() throws Exception {
        assertThat(server.get("/v2/models/all-minilm-l6-v2").body()).contains("\"platform\":\"onnxruntime_onnx\"");
        JsonNode stats = MAPPER.readTree(server.get("/v2/models/all-minilm-l6-v2/stats").body());
        assertThat(stats.get("runs").asLong()).isGreaterThanOrEqualTo(WARMUP);
    }

    @Test
    void badInputOnTheWireIsA4xxJsonError() throws Exception {
        HttpResponse<String> malformed = server.post("/v1/embeddings", "{\"model\":");
        HttpResponse<String> unknown = server.get("/v2/models/resnet50");
        HttpResponse<String> tooBig = server.post("/v1/embeddings", "x".repeat(2 << 20));

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"message\":\"request body is not valid JSON\"");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"model 'resnet50' not found\"}");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("request body is larger than 1048576 bytes");
        assertThat(server.get("/v2/health/live").statusCode()).isEqualTo(200);
    }

    /**
     * The 413 goes out while the client is still sending; closing at once would leave unread bytes
     * and make the kernel answer with a reset that can overtake the 413. Every attempt must read it.
     */
    @Test
    void aTooLargeBodyIsAnswered413EveryTimeNeverReset() throws Exception {
        String body = "x".repeat(4 << 20);
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> tooBig = server.post("/v1/embeddings", body);

            assertThat(tooBig.statusCode()).as("attempt %d", attempt).isEqualTo(413);
        }
        assertThat(server.get("/v2/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void garbageBytesGetA400AndTheServerCarriesOn() throws Exception {
        String answer;
        try (Socket socket = new Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("\u0001\u0002 NOT HTTP AT ALL\r\nContent-Length: zz\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("Exception").doesNotContain("at io.netty");
        assertThat(server.get("/v2/health/live").statusCode()).isEqualTo(200);
    }

    private static float[] embed(String text) throws IOException, InterruptedException {
        HttpResponse<String> response = server.post("/v1/embeddings",
                "{\"model\":\"all-minilm-l6-v2\",\"input\":" + MAPPER.writeValueAsString(text) + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode values = MAPPER.readTree(response.body()).get("data").get(0).get("embedding");
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) values.get(i).asDouble();
        }
        return vector;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
