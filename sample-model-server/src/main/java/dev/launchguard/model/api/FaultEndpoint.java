package dev.launchguard.model.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.launchguard.model.DurationText;
import dev.launchguard.model.fault.Fault;
import dev.launchguard.model.fault.FaultInjector;
import dev.launchguard.model.fault.FaultMode;

/** {@code POST /admin/fault}: accepted only with {@code --chaos} and only from loopback. */
final class FaultEndpoint {

    private final JsonCodec json;
    private final FaultInjector injector;
    private final boolean chaos;

    FaultEndpoint(JsonCodec json, FaultInjector injector, boolean chaos) {
        this.json = json;
        this.injector = injector;
        this.chaos = chaos;
    }

    Reply inject(Request request) {
        if (!chaos) {
            throw new ApiError(403, "fault injection is off: start the server with --chaos");
        }
        if (!request.fromLoopback()) {
            throw new ApiError(403, "fault injection is only accepted from loopback");
        }
        Fault fault = parse(json.readObject(request.body()));
        Reply accepted = json.reply(202, json.object().put("mode", fault.mode().wireName()).put("accepted", true));
        return accepted.then(injector.effectOf(fault));
    }

    static Fault parse(JsonNode body) {
        JsonNode mode = body.get("mode");
        if (mode == null || !mode.isTextual()) {
            throw ApiError.badRequest("'mode' is required: one of " + FaultMode.wireNames());
        }
        try {
            FaultMode parsed = FaultMode.parse(mode.asText());
            return switch (parsed) {
                case SLOW -> Fault.slow(DurationText.parse("latency", required(body, "latency", "\"250ms\"")));
                case EXIT -> Fault.exit(exitStatus(body));
                default -> Fault.of(parsed);
            };
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static String required(JsonNode body, String field, String example) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiError.badRequest("mode '" + body.get("mode").asText() + "' needs '" + field + "', e.g. " + example);
        }
        return value.asText();
    }

    private static int exitStatus(JsonNode body) {
        JsonNode code = body.get("code");
        if (code == null || !code.isIntegralNumber()) {
            throw ApiError.badRequest("mode 'exit' needs an integer 'code', e.g. 3");
        }
        return code.asInt();
    }
}
