package dev.launchguard.model.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.model.embedding.Embeddings;
import dev.launchguard.model.inference.InferenceService;
import dev.launchguard.model.inference.InferenceStats;
import dev.launchguard.model.inference.ModelStatus;
import dev.launchguard.model.inference.Readiness;
import java.util.concurrent.CompletableFuture;

/** The Open Inference Protocol (KServe v2) endpoints: health, metadata, readiness, stats, infer. */
final class KServeEndpoints {

    /** The protocol says 200 means ready; 503 is what every HTTP prober reads as "not ready". */
    static final int NOT_READY = 503;

    private final JsonCodec json;
    private final ModelStatus status;
    private final InferenceService inference;

    KServeEndpoints(JsonCodec json, ModelStatus status, InferenceService inference) {
        this.json = json;
        this.status = status;
        this.inference = inference;
    }

    /** Answered on the event loop from a constant: proves the loop turns, nothing more. */
    Reply live() {
        return json.reply(200, json.object().put("live", true));
    }

    Reply ready() {
        Readiness readiness = status.readiness();
        ObjectNode body = json.object().put("ready", readiness.ready()).put("phase", readiness.phase().wireName());
        body.putObject("progress")
                .put("done", readiness.done())
                .put("total", readiness.total())
                .put("fraction", Math.round(readiness.fraction() * 10_000) / 10_000.0);
        return json.reply(readiness.ready() ? 200 : NOT_READY, body);
    }

    Reply serverMetadata() {
        ObjectNode body = json.object().put("name", "sample-model-server").put("version", "0.1.0");
        body.putArray("extensions");
        return json.reply(200, body);
    }

    Reply modelMetadata(String name) {
        ModelCard.requireKnown(name);
        ObjectNode body = json.object().put("name", ModelCard.NAME).put("platform", ModelCard.PLATFORM);
        body.putArray("versions").add(ModelCard.VERSION);
        body.putArray("inputs").addObject()
                .put("name", ModelCard.INPUT).put("datatype", "BYTES")
                .putArray("shape").add(-1);
        body.putArray("outputs").addObject()
                .put("name", ModelCard.OUTPUT).put("datatype", "FP32")
                .putArray("shape").add(-1).add(ModelCard.DIMENSIONS);
        return json.reply(200, body);
    }

    Reply modelReady(String name) {
        ModelCard.requireKnown(name);
        return ready();
    }

    Reply modelStats(String name) {
        ModelCard.requireKnown(name);
        InferenceStats stats = inference.stats();
        ObjectNode body = json.object().put("name", ModelCard.NAME)
                .put("admitted", inference.admitted())
                .put("runs", stats.runs())
                .put("texts", stats.texts())
                .put("failures", stats.failures())
                .put("busy_ms", stats.busy().toMillis());
        return json.reply(200, body);
    }

    CompletableFuture<Reply> infer(String name, Request request) {
        ModelCard.requireKnown(name);
        InferRequest infer = InferRequest.parse(json.readObject(request.body()));
        requireReady(status.readiness());
        return inference.embed(infer.texts()).thenApply(embeddings -> inferReply(infer, embeddings));
    }

    private Reply inferReply(InferRequest infer, Embeddings embeddings) {
        ObjectNode body = json.object().put("model_name", ModelCard.NAME).put("model_version", ModelCard.VERSION);
        if (!infer.id().isEmpty()) {
            body.put("id", infer.id());
        }
        ObjectNode output = body.putArray("outputs").addObject()
                .put("name", ModelCard.OUTPUT).put("datatype", "FP32");
        output.putArray("shape").add(embeddings.vectors().size()).add(ModelCard.DIMENSIONS);
        ArrayNode data = output.putArray("data");
        for (float[] vector : embeddings.vectors()) {
            for (float value : vector) {
                data.add(value);
            }
        }
        return json.reply(200, body);
    }

    /** Refuses an inference with 503 while the model loads, warms or drains. */
    static void requireReady(Readiness readiness) {
        if (!readiness.ready()) {
            throw new ApiError(NOT_READY, "model '" + ModelCard.NAME + "' is not ready: "
                    + readiness.phase().wireName() + " " + readiness.done() + "/" + readiness.total());
        }
    }
}
