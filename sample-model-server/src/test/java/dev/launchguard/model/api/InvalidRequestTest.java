package dev.launchguard.model.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.model.fault.FaultInjector;
import dev.launchguard.model.inference.FakeEncoder;
import dev.launchguard.model.inference.InferenceService;
import dev.launchguard.model.inference.ModelStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One fixture per rule of bad input: the status and the exact message the client reads. */
class InvalidRequestTest {

    private static final String INFER = "/v2/models/all-minilm-l6-v2/infer";
    private static final String EMBED = "/v1/embeddings";
    private static final ModelStatus STATUS = new ModelStatus(0);
    private static final InferenceService INFERENCE = FakeEncoder.readyService(STATUS, () -> { });
    private static final Router ROUTER = new Router(STATUS, INFERENCE, new FaultInjector(INFERENCE, () -> { }, null), true);

    @AfterAll
    static void close() {
        INFERENCE.close();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(INFER, "{not json", 400, "request body is not valid JSON"),
                Arguments.of(INFER, "[1,2]", 400, "request body must be a JSON object"),
                Arguments.of(INFER, "", 400, "request body must be a JSON object"),
                Arguments.of("/v2/models/resnet/infer", "{}", 404, "model 'resnet' not found"),
                Arguments.of(INFER, "{}", 400, "'inputs' must be a non-empty array"),
                Arguments.of(INFER, "{\"inputs\":[]}", 400, "'inputs' must be a non-empty array"),
                Arguments.of(INFER, "{\"inputs\":[" + text("[1]", "[\"a\"]") + "," + text("[1]", "[\"b\"]") + "]}", 400,
                        "model 'all-minilm-l6-v2' takes exactly one input 'text', got 2"),
                Arguments.of(INFER, "{\"inputs\":[{\"name\":\"input_ids\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[1]}]}",
                        400, "input 'input_ids' is unknown: model 'all-minilm-l6-v2' takes input 'text'"),
                Arguments.of(INFER, "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1.0]}]}",
                        400, "input 'text' has datatype 'FP32', expected 'BYTES'"),
                Arguments.of(INFER, "{\"inputs\":[" + text("[2,3]", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]") + "]}", 400,
                        "input 'text' has shape [2,3], expected [n] or [n, 1]"),
                Arguments.of(INFER, "{\"inputs\":[" + text("[1,1,1]", "[\"a\"]") + "]}", 400,
                        "input 'text' has shape [1,1,1], expected [n] or [n, 1]"),
                Arguments.of(INFER, "{\"inputs\":[" + text("[0]", "[]") + "]}", 400,
                        "input 'text' has 0 rows, expected 1 to 128"),
                Arguments.of(INFER, "{\"inputs\":[" + text("[3]", "[\"a\",\"b\"]") + "]}", 400,
                        "input 'text' has 2 elements but its shape needs 3"),
                Arguments.of(INFER, "{\"inputs\":[" + text("[1]", "[7]") + "]}", 400,
                        "input 'text' data must be an array of strings"),
                Arguments.of(EMBED, "{\"input\":\"x\"}", 400, "'model' is required and must be a string"),
                Arguments.of(EMBED, "{\"model\":\"all-minilm-l6-v2\"}", 400, "'input' is required"),
                Arguments.of(EMBED, "{\"model\":\"all-minilm-l6-v2\",\"input\":[]}", 400, "'input' must not be empty"),
                Arguments.of(EMBED, "{\"model\":\"all-minilm-l6-v2\",\"input\":{\"a\":1}}", 400,
                        "'input' must be a string or an array of strings"),
                Arguments.of(EMBED, "{\"model\":\"all-minilm-l6-v2\",\"input\":[[101,102]]}", 400,
                        "'input' must be a string or an array of strings (token arrays are not supported)"),
                Arguments.of(EMBED, "{\"model\":\"all-minilm-l6-v2\",\"input\":" + manyTexts(129) + "}", 400,
                        "'input' has 129 items, at most 128"),
                Arguments.of(EMBED, "{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\",\"encoding_format\":\"int8\"}", 400,
                        "'encoding_format' 'int8' is not supported: use float or base64"),
                Arguments.of(EMBED, "{\"model\":\"all-minilm-l6-v2\",\"input\":\"x\",\"dimensions\":256}", 400,
                        "'dimensions' 256 is not supported: this model has 384"),
                Arguments.of(EMBED, "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}", 404,
                        "model 'text-embedding-3-small' not found"),
                Arguments.of("/admin/fault", "{}", 400,
                        "'mode' is required: one of wedge, deadlock, slow, exit, crash, leak, poison"),
                Arguments.of("/admin/fault", "{\"mode\":\"explode\"}", 400,
                        "mode 'explode' is unknown: one of wedge, deadlock, slow, exit, crash, leak, poison"),
                Arguments.of("/admin/fault", "{\"mode\":\"slow\"}", 400, "mode 'slow' needs 'latency', e.g. \"250ms\""),
                Arguments.of("/admin/fault", "{\"mode\":\"slow\",\"latency\":\"fast\"}", 400,
                        "'latency' fast is not a duration: use e.g. 250ms, 2s or 1m"),
                Arguments.of("/admin/fault", "{\"mode\":\"slow\",\"latency\":\"11m\"}", 400,
                        "'latency' 660000ms is out of range 0ms..600000ms"),
                Arguments.of("/admin/fault", "{\"mode\":\"exit\"}", 400, "mode 'exit' needs an integer 'code', e.g. 3"),
                Arguments.of("/admin/fault", "{\"mode\":\"exit\",\"code\":300}", 400, "'code' 300 is out of range 0..255"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("rules")
    void refusesWithExactMessage(String path, String body, int status, String message) {
        Reply reply = RouterTest.call(ROUTER, "POST", path, body);

        assertThat(RouterTest.error(reply, status)).isEqualTo(message);
    }

    private static String text(String shape, String data) {
        return "{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":" + shape + ",\"data\":" + data + "}";
    }

    private static String manyTexts(int n) {
        return "[" + String.join(",", java.util.Collections.nCopies(n, "\"t\"")) + "]";
    }
}
