package dev.launchguard.model.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.model.fault.EventLoops;
import dev.launchguard.model.fault.FaultInjector;
import dev.launchguard.model.fault.ProcessExit;
import dev.launchguard.model.inference.FakeEncoder;
import dev.launchguard.model.inference.InferenceService;
import dev.launchguard.model.inference.ModelStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> effects = new ArrayList<>();
    private final ModelStatus status = new ModelStatus(0);
    private final InferenceService inference = FakeEncoder.readyService(status, () -> effects.add("kill"));
    private final Router router = new Router(status, inference, new FaultInjector(inference, recordingLoops(), recordingExit()), true);

    @AfterEach
    void close() {
        inference.close();
    }

    @Test
    void liveAndReadyAnswer200WithTheirShape() {
        assertThat(body(call("GET", "/v2/health/live", ""), 200)).isEqualTo(json("{\"live\":true}"));
        assertThat(body(call("GET", "/v2/health/ready", ""), 200)).isEqualTo(json(
                "{\"ready\":true,\"phase\":\"ready\",\"progress\":{\"done\":1,\"total\":1,\"fraction\":1.0}}"));
        assertThat(body(call("GET", "/v2/models/all-minilm-l6-v2/ready", ""), 200).get("ready").asBoolean()).isTrue();
    }

    @Test
    void readyIs503WithProgressWhileLoading() {
        Router loading = new Router(new ModelStatus(4), inference, null, false);

        JsonNode body = body(call(loading, "GET", "/v2/health/ready", ""), 503);

        assertThat(body).isEqualTo(json(
                "{\"ready\":false,\"phase\":\"loading\",\"progress\":{\"done\":0,\"total\":5,\"fraction\":0.0}}"));
        assertThat(error(call(loading, "POST", "/v1/embeddings", "{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\"}"), 503))
                .isEqualTo("model 'all-minilm-l6-v2' is not ready: loading 0/5");
    }

    @Test
    void modelMetadataDescribesTheTextInputAndEmbeddingOutput() {
        JsonNode body = body(call("GET", "/v2/models/all-minilm-l6-v2", ""), 200);

        assertThat(body.get("inputs")).isEqualTo(json("[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[-1]}]"));
        assertThat(body.get("outputs")).isEqualTo(json("[{\"name\":\"embedding\",\"datatype\":\"FP32\",\"shape\":[-1,384]}]"));
        assertThat(body.get("versions")).isEqualTo(json("[\"1\"]"));
    }

    @Test
    void inferReturnsOneFlatFp32TensorAndEchoesTheId() {
        JsonNode body = body(call("POST", "/v2/models/all-minilm-l6-v2/infer",
                "{\"id\":\"r1\",\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[2,1],\"data\":[[\"a\"],[\"bb\"]]}]}"), 200);

        assertThat(body.get("id").asText()).isEqualTo("r1");
        JsonNode output = body.get("outputs").get(0);
        assertThat(output.get("shape")).isEqualTo(json("[2,384]"));
        assertThat(output.get("data")).hasSize(768);
        assertThat(output.get("data").get(1).asDouble()).isEqualTo(1.0); // "a" has length 1
    }

    @Test
    void embeddingsAcceptAStringOrAListAndCountTokens() {
        JsonNode one = body(call("POST", "/v1/embeddings", "{\"model\":\"all-minilm-l6-v2\",\"input\":\"hi there\"}"), 200);
        JsonNode two = body(call("POST", "/v1/embeddings", "{\"model\":\"all-minilm-l6-v2\",\"input\":[\"a\",\"b\"]}"), 200);

        assertThat(one.get("data").get(0).get("embedding")).hasSize(384);
        assertThat(one.get("usage")).isEqualTo(json("{\"prompt_tokens\":4,\"total_tokens\":4}"));
        assertThat(two.get("data").get(1).get("index").asInt()).isEqualTo(1);
        assertThat(two.get("object").asText()).isEqualTo("list");
    }

    @Test
    void base64EncodingIsLittleEndianFloat32() {
        JsonNode body = body(call("POST", "/v1/embeddings",
                "{\"model\":\"all-minilm-l6-v2\",\"input\":\"a\",\"encoding_format\":\"base64\"}"), 200);

        byte[] raw = java.util.Base64.getDecoder().decode(body.get("data").get(0).get("embedding").asText());
        java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        assertThat(raw).hasSize(384 * 4);
        assertThat(floats.get(1)).isEqualTo(1f);
    }

    @Test
    void unknownPathAndWrongMethodAreJsonErrors() {
        assertThat(error(call("GET", "/v3/nothing", ""), 404)).isEqualTo("path '/v3/nothing' not found");
        Reply wrong = call("POST", "/v2/health/live", "");
        assertThat(error(wrong, 405)).isEqualTo("method 'POST' is not allowed on /v2/health/live: use GET");
        assertThat(wrong.headers()).containsEntry("Allow", "GET");
    }

    @Test
    void openAiErrorsTakeOpenAisShape() {
        JsonNode body = body(call("POST", "/v1/embeddings", "{\"model\":\"gpt-4\",\"input\":\"x\"}"), 404);

        assertThat(body).isEqualTo(json("{\"error\":{\"message\":\"model 'gpt-4' not found\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"));
    }

    @Test
    void faultIsAcknowledgedBeforeItsEffectRuns() {
        Reply reply = call("POST", "/admin/fault", "{\"mode\":\"wedge\"}");

        assertThat(body(reply, 202)).isEqualTo(json("{\"mode\":\"wedge\",\"accepted\":true}"));
        assertThat(effects).isEmpty();
        reply.afterSend().run();
        assertThat(effects).containsExactly("wedge");
    }

    @Test
    void faultsAreRefusedWithoutChaosAndFromOffTheMachine() {
        Router calm = new Router(status, inference, null, false);

        assertThat(error(call(calm, "POST", "/admin/fault", "{\"mode\":\"crash\"}"), 403))
                .isEqualTo("fault injection is off: start the server with --chaos");
        Reply remote = router.route(new Request("POST", "/admin/fault", bytes("{\"mode\":\"crash\"}"), false)).join();
        assertThat(error(remote, 403)).isEqualTo("fault injection is only accepted from loopback");
        assertThat(effects).isEmpty();
    }

    @Test
    void exitCrashAndPoisonReachTheirCollaborators() {
        call("POST", "/admin/fault", "{\"mode\":\"exit\",\"code\":7}").afterSend().run();
        call("POST", "/admin/fault", "{\"mode\":\"crash\"}").afterSend().run();
        call("POST", "/admin/fault", "{\"mode\":\"poison\"}").afterSend().run();
        call("POST", "/v1/embeddings", "{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\"}");

        assertThat(effects).containsExactly("exit 7", "kill", "kill");
    }

    Reply call(String method, String path, String body) {
        return call(router, method, path, body);
    }

    static Reply call(Router router, String method, String path, String body) {
        return router.route(new Request(method, path, bytes(body), true)).join();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode body(Reply reply, int status) {
        assertThat(reply.status()).as(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        try {
            return MAPPER.readTree(reply.body());
        } catch (IOException e) {
            throw new AssertionError("reply body is not JSON", e);
        }
    }

    static String error(Reply reply, int status) {
        JsonNode error = body(reply, status).get("error");
        return error.isTextual() ? error.asText() : error.get("message").asText();
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private EventLoops recordingLoops() {
        return () -> effects.add("wedge");
    }

    private ProcessExit recordingExit() {
        return new ProcessExit() {
            @Override
            public void exit(int status) {
                effects.add("exit " + status);
            }

            @Override
            public void kill() {
                effects.add("kill");
            }
        };
    }
}
