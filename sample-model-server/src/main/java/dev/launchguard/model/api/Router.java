package dev.launchguard.model.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.model.fault.FaultInjector;
import dev.launchguard.model.inference.InferenceService;
import dev.launchguard.model.inference.ModelStatus;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a {@link Request} to its endpoint and every failure to a JSON error reply. Plain Java: the
 * Netty handler only translates to and from it.
 *
 * <p>Errors under {@code /v1/} take OpenAI's shape ({@code {"error":{"message":...}}}), all others
 * the Open Inference Protocol's ({@code {"error":"..."}}). No stack trace ever reaches a client.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final JsonCodec json = new JsonCodec();
    private final KServeEndpoints kserve;
    private final OpenAiEndpoints openai;
    private final FaultEndpoint faults;

    public Router(ModelStatus status, InferenceService inference, FaultInjector injector, boolean chaos) {
        this.kserve = new KServeEndpoints(json, status, inference);
        this.openai = new OpenAiEndpoints(json, status, inference);
        this.faults = new FaultEndpoint(json, injector, chaos);
    }

    /** Answers the request; the future never completes exceptionally. */
    public CompletableFuture<Reply> route(Request request) {
        try {
            return dispatch(request).exceptionally(e -> error(request, e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(error(request, e));
        }
    }

    /** The reply for a request that never reached routing (undecodable, too large, shutting down). */
    public Reply refuse(String path, int status, String message) {
        return error(new Request("GET", path, new byte[0], false), new ApiError(status, message));
    }

    private CompletableFuture<Reply> dispatch(Request request) {
        String[] s = request.segments();
        String path = request.path();
        if (is(s, "v2", "health", "live")) {
            return get(request, () -> kserve.live());
        } else if (is(s, "v2", "health", "ready")) {
            return get(request, () -> kserve.ready());
        } else if (is(s, "v2")) {
            return get(request, () -> kserve.serverMetadata());
        } else if (s.length == 3 && is(s[0], s[1], "v2", "models")) {
            return get(request, () -> kserve.modelMetadata(s[2]));
        } else if (s.length == 4 && is(s[0], s[1], "v2", "models") && s[3].equals("ready")) {
            return get(request, () -> kserve.modelReady(s[2]));
        } else if (s.length == 4 && is(s[0], s[1], "v2", "models") && s[3].equals("stats")) {
            return get(request, () -> kserve.modelStats(s[2]));
        } else if (s.length == 4 && is(s[0], s[1], "v2", "models") && s[3].equals("infer")) {
            requireMethod(request, "POST");
            return kserve.infer(s[2], request);
        } else if (is(s, "v1", "embeddings")) {
            requireMethod(request, "POST");
            return openai.embeddings(request);
        } else if (is(s, "v1", "models")) {
            return get(request, () -> openai.models());
        } else if (is(s, "admin", "fault")) {
            requireMethod(request, "POST");
            return CompletableFuture.completedFuture(faults.inject(request));
        }
        throw ApiError.notFound("path '" + path + "' not found");
    }

    private static CompletableFuture<Reply> get(Request request, Supplier<Reply> endpoint) {
        requireMethod(request, "GET");
        return CompletableFuture.completedFuture(endpoint.get());
    }

    private static void requireMethod(Request request, String method) {
        if (!request.method().equals(method)) {
            throw ApiError.methodNotAllowed(request.method(), request.path(), method);
        }
    }

    private static boolean is(String[] segments, String... expected) {
        return Arrays.equals(segments, expected);
    }

    private static boolean is(String first, String second, String a, String b) {
        return first.equals(a) && second.equals(b);
    }

    private Reply error(Request request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        ApiError error;
        if (cause instanceof ApiError api) {
            error = api;
        } else {
            LOG.warn("request failed path={} error={}", request.path(), cause.toString());
            error = new ApiError(500, "inference failed");
        }
        Reply reply = json.reply(error.status(), errorBody(request.path(), error));
        return error.allow() == null ? reply : reply.withHeader("Allow", error.allow());
    }

    private ObjectNode errorBody(String path, ApiError error) {
        if (path.startsWith("/v1/")) {
            ObjectNode body = json.object();
            body.putObject("error")
                    .put("message", error.getMessage())
                    .put("type", error.status() < 500 ? "invalid_request_error" : "server_error")
                    .putNull("param")
                    .putNull("code");
            return body;
        }
        return json.object().put("error", error.getMessage());
    }
}
