package dev.launchguard.adopt;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides an OpenAI-compatible server's inference route without a POST: a GET on a POST-only route
 * answers 405 where the route exists and 404 where it does not (the sample model server and the
 * common servers do). Then, only when allowed, sends the one tiny inference and times it.
 */
final class InferenceRoute {

    static final String EMBEDDINGS = "/v1/embeddings";
    static final String CHAT = "/v1/chat/completions";
    static final String COMPLETIONS = "/v1/completions";

    /** Model ids that name an embedding model: all-minilm-l6-v2, bge-small-en, e5-large, gte-base, text-embedding-3-small. */
    private static final Pattern EMBEDDING_MODEL = Pattern.compile("embed|minilm|bge|(^|[^a-z])e5([^a-z]|$)|gte");

    private final Survey survey;
    private final boolean allowInference;

    InferenceRoute(Survey survey, boolean allowInference) {
        this.survey = survey;
        this.allowInference = allowInference;
    }

    /** The route, its tiny body for the first model, and (when allowed) how long that took. */
    Optional<OpenAi> decide(List<String> models) {
        String model = models.get(0);
        Choice choice = choose(model, allowInference ? 1 : 0);
        String body = body(choice.route(), model);
        Optional<Duration> took = allowInference ? infer(choice.route(), body) : Optional.empty();
        return Optional.of(new OpenAi(models, choice.route(), body, took, choice.why()));
    }

    private record Choice(String route, String why) {
    }

    /** Asks as little as it can: each GET answers one question, in the order of the common servers. */
    private Choice choose(String model, int reserve) {
        if (status(EMBEDDINGS, reserve) == 405) {
            return new Choice(EMBEDDINGS, "GET " + EMBEDDINGS + " → 405: the route exists and takes POST");
        }
        if (EMBEDDING_MODEL.matcher(model.toLowerCase(Locale.ROOT)).find()) {
            return new Choice(EMBEDDINGS, "model id '" + model + "' names an embedding model");
        }
        int chat = status(CHAT, reserve);
        if (chat == 405) {
            return new Choice(CHAT, "GET " + CHAT + " → 405: the route exists and takes POST");
        }
        if (chat == 404 && status(COMPLETIONS, reserve) == 405) {
            return new Choice(COMPLETIONS, "GET " + CHAT + " → 404, GET " + COMPLETIONS
                    + " → 405: only the legacy completions route exists");
        }
        return new Choice(CHAT, "no route answered 405 to a GET; chat completions assumed, the route most servers have");
    }

    /** The tiny request: one word in, one token out for a generator. */
    static String body(String route, String model) {
        String id = Evidence.quote(model);
        return switch (route) {
            case EMBEDDINGS -> "{\"model\":" + id + ",\"input\":\"ping\"}";
            case COMPLETIONS -> "{\"model\":" + id + ",\"prompt\":\"ping\",\"max_tokens\":1}";
            default -> "{\"model\":" + id + ",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}],\"max_tokens\":1}";
        };
    }

    private int status(String path, int reserve) {
        return survey.ask(path, reserve).map(a -> a.statusOr(0)).orElse(0);
    }

    private Optional<Duration> infer(String route, String body) {
        return survey.send("POST", route, Optional.of(body), 0)
                .filter(a -> a.statusOr(0) / 100 == 2)
                .map(WireAnswer::took);
    }
}
