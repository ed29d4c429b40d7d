package dev.launchguard.model.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated OpenAI {@code POST /v1/embeddings} request.
 *
 * @param base64 whether the client asked for {@code encoding_format: base64} (the official Python
 *     client does by default): little-endian float32 bytes, base64 encoded
 */
record EmbeddingsRequest(String model, List<String> input, boolean base64) {

    EmbeddingsRequest {
        input = List.copyOf(input);
    }

    static EmbeddingsRequest parse(JsonNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual()) {
            throw ApiError.badRequest("'model' is required and must be a string");
        }
        List<String> input = input(body.get("input"));
        String format = body.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            throw ApiError.badRequest("'encoding_format' '" + format + "' is not supported: use float or base64");
        }
        JsonNode dimensions = body.get("dimensions");
        if (dimensions != null && !dimensions.isNull() && dimensions.asInt() != ModelCard.DIMENSIONS) {
            throw ApiError.badRequest("'dimensions' " + dimensions + " is not supported: this model has "
                    + ModelCard.DIMENSIONS);
        }
        return new EmbeddingsRequest(model.asText(), input, format.equals("base64"));
    }

    private static List<String> input(JsonNode input) {
        if (input == null) {
            throw ApiError.badRequest("'input' is required");
        }
        if (input.isTextual()) {
            return List.of(input.asText());
        }
        if (!input.isArray()) {
            throw ApiError.badRequest("'input' must be a string or an array of strings");
        }
        if (input.isEmpty()) {
            throw ApiError.badRequest("'input' must not be empty");
        }
        if (input.size() > ModelCard.MAX_BATCH) {
            throw ApiError.badRequest("'input' has " + input.size() + " items, at most " + ModelCard.MAX_BATCH);
        }
        List<String> texts = new ArrayList<>(input.size());
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                throw ApiError.badRequest("'input' must be a string or an array of strings"
                        + " (token arrays are not supported)");
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
