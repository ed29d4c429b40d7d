package dev.launchguard.model.api;

import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP response with a JSON body.
 *
 * @param headers extra headers beyond content type and length
 * @param afterSend what to do once the response is on the wire (a fault's effect); may be a no-op
 */
public record Reply(int status, byte[] body, Map<String, String> headers, Runnable afterSend) {

    private static final Runnable NOTHING = () -> { };

    public Reply {
        headers = Map.copyOf(headers);
    }

    static Reply of(int status, byte[] body) {
        return new Reply(status, body, Map.of(), NOTHING);
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, more, afterSend);
    }

    Reply then(Runnable action) {
        return new Reply(status, body, headers, action);
    }
}
