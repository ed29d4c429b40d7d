package dev.launchguard.model.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.model.embedding.Embeddings;
import dev.launchguard.model.inference.InferenceService;
import dev.launchguard.model.inference.ModelStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** The OpenAI-compatible endpoints: {@code POST /v1/embeddings} and {@code GET /v1/models}. */
final class OpenAiEndpoints {

    private final JsonCodec json;
    private final ModelStatus status;
    private final InferenceService inference;

    OpenAiEndpoints(JsonCodec json, ModelStatus status, InferenceService inference) {
        this.json = json;
        this.status = status;
        this.inference = inference;
    }

    Reply models() {
        ObjectNode body = json.object().put("object", "list");
        body.putArray("data").addObject()
                .put("id", ModelCard.NAME).put("object", "model").put("owned_by", "launchguard");
        return json.reply(200, body);
    }

    CompletableFuture<Reply> embeddings(Request request) {
        EmbeddingsRequest embeddings = EmbeddingsRequest.parse(json.readObject(request.body()));
        ModelCard.requireKnown(embeddings.model());
        KServeEndpoints.requireReady(status.readiness());
        return inference.embed(embeddings.input()).thenApply(result -> reply(embeddings, result));
    }

    private Reply reply(EmbeddingsRequest request, Embeddings result) {
        ObjectNode body = json.object().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (int i = 0; i < result.vectors().size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            float[] vector = result.vectors().get(i);
            if (request.base64()) {
                item.put("embedding", base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float value : vector) {
                    values.add(value);
                }
            }
        }
        body.put("model", ModelCard.NAME);
        body.putObject("usage").put("prompt_tokens", result.tokens()).put("total_tokens", result.tokens());
        return json.reply(200, body);
    }

    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
