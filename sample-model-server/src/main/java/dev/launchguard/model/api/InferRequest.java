package dev.launchguard.model.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated Open Inference Protocol (KServe v2) infer request for the embedding model: one BYTES
 * input named {@code text} of shape {@code [n]} or {@code [n, 1]}.
 *
 * @param id the client's request id, echoed back; empty when none was sent
 */
record InferRequest(String id, List<String> texts) {

    InferRequest {
        texts = List.copyOf(texts);
    }

    static InferRequest parse(JsonNode body) {
        String id = body.path("id").isTextual() ? body.get("id").asText() : "";
        JsonNode inputs = body.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw ApiError.badRequest("'inputs' must be a non-empty array");
        }
        if (inputs.size() != 1) {
            throw ApiError.badRequest("model '" + ModelCard.NAME + "' takes exactly one input '" + ModelCard.INPUT
                    + "', got " + inputs.size());
        }
        return new InferRequest(id, texts(inputs.get(0)));
    }

    private static List<String> texts(JsonNode input) {
        String name = input.path("name").asText("");
        if (!ModelCard.INPUT.equals(name)) {
            throw ApiError.badRequest("input '" + name + "' is unknown: model '" + ModelCard.NAME
                    + "' takes input '" + ModelCard.INPUT + "'");
        }
        String datatype = input.path("datatype").asText("");
        if (!"BYTES".equals(datatype)) {
            throw ApiError.badRequest("input 'text' has datatype '" + datatype + "', expected 'BYTES'");
        }
        long rows = rows(input.get("shape"));
        JsonNode data = flatten(input.get("data"));
        if (data.size() != rows) {
            throw ApiError.badRequest("input 'text' has " + data.size() + " elements but its shape needs " + rows);
        }
        List<String> texts = new ArrayList<>(data.size());
        data.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static long rows(JsonNode shape) {
        boolean valid = shape != null && shape.isArray() && (shape.size() == 1 || shape.size() == 2)
                && shape.get(0).canConvertToLong() && shape.get(0).isIntegralNumber()
                && (shape.size() == 1 || (shape.get(1).isIntegralNumber() && shape.get(1).asLong() == 1));
        if (!valid) {
            throw ApiError.badRequest("input 'text' has shape " + shape + ", expected [n] or [n, 1]");
        }
        long rows = shape.get(0).asLong();
        if (rows < 1 || rows > ModelCard.MAX_BATCH) {
            throw ApiError.badRequest("input 'text' has " + rows + " rows, expected 1 to " + ModelCard.MAX_BATCH);
        }
        return rows;
    }

    /** Row-major data may come flat or nested one level ({@code [["a"], ["b"]]}); both mean the same. */
    private static JsonNode flatten(JsonNode data) {
        if (data == null || !data.isArray()) {
            throw ApiError.badRequest("input 'text' data must be an array of strings");
        }
        ArrayNode flat = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : data) {
            JsonNode value = element.isArray() && element.size() == 1 ? element.get(0) : element;
            if (!value.isTextual()) {
                throw ApiError.badRequest("input 'text' data must be an array of strings");
            }
            flat.add(value);
        }
        return flat;
    }
}
