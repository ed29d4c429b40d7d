package dev.launchguard.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.watch.WatchJson;
import dev.launchguard.watch.WatchState;
import dev.launchguard.watch.WatchView;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/v1/drift}, {@code /uptime} and {@code /strays}: each watcher's latest run. A
 * watcher that is not configured answers 404, one configured but without a finished run 503, each
 * with what to do about it.
 */
final class WatchRoutes {

    static final String DRIFT = "/api/v1/drift";
    static final String UPTIME = "/api/v1/uptime";
    static final String STRAYS = "/api/v1/strays";
    static final Map<String, String> PATHS = Map.of(DRIFT, "drift", UPTIME, "uptime", STRAYS, "strays");

    private WatchRoutes() {
    }

    static ApiResponse answer(String path, WatchView watchers) {
        switch (path) {
            case DRIFT:
                return answer("drift", watchers.drift(), WatchJson::drift);
            case UPTIME:
                return answer("uptime", watchers.uptime(), WatchJson::uptime);
            default:
                return answer("strays", watchers.strays(), WatchJson::strays);
        }
    }

    private static <T> ApiResponse answer(String kind, WatchState<T> state, Function<T, ObjectNode> json) {
        if (!state.configured()) {
            return ApiResponse.error(404, "the " + kind + " watcher is not configured; set watchers." + kind
                    + ".file in launchguard.yaml (docs/watchers.md)");
        }
        if (state.latest().isEmpty()) {
            return ApiResponse.error(503, state.fileError().map(e -> "the " + kind + " watcher is not running: " + e)
                    .orElse("the " + kind + " watcher has not finished its first run yet; ask again after its interval"));
        }
        ObjectNode body = json.apply(state.latest().get());
        state.fileError().ifPresentOrElse(e -> body.put("fileError", e), () -> body.putNull("fileError"));
        return ApiResponse.json(200, body);
    }
}
