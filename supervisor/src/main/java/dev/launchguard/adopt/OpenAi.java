package dev.launchguard.adopt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An OpenAI-compatible inference server found by {@code GET /v1/models}, and the one tiny inference
 * that proves it works.
 *
 * @param models the model ids it serves, in its order
 * @param inferenceRoute {@code /v1/embeddings}, {@code /v1/chat/completions} or {@code /v1/completions}
 * @param inferenceBody the tiny request, JSON, for the first model
 * @param inferenceTook how long that request took, measured only when inference was allowed and it succeeded
 * @param why how the route was chosen
 */
public record OpenAi(List<String> models, String inferenceRoute, String inferenceBody, Optional<Duration> inferenceTook,
        String why) {

    public OpenAi {
        models = List.copyOf(models);
    }
}
