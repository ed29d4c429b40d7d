package dev.launchguard.model.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reads request bodies and writes response bodies; the API's one use of Jackson's mapper. */
final class JsonCodec {

    private final ObjectMapper mapper = new ObjectMapper();

    /** Parses a JSON object body, or refuses the request with 400. */
    JsonNode readObject(byte[] body) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("request body must be a JSON object");
        }
        return node;
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    byte[] write(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response body could not be written: " + e.getMessage(), e);
        }
    }

    Reply reply(int status, JsonNode body) {
        return Reply.of(status, write(body));
    }
}
