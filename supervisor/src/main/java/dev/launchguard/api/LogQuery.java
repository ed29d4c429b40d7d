package dev.launchguard.api;

import dev.launchguard.fleet.LogRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The query of {@code GET /api/v1/jobs/LABEL/logs}: {@code stream=stdout|stderr} (stdout unless
 * given), {@code offset=N} (else the last {@code limit} bytes from a line boundary) and
 * {@code limit=BYTES}. A bad value is the client's error, and the message names it.
 */
final class LogQuery {

    /** What one read returns unless asked for less or more: a screenful of recent lines and then some. */
    static final int DEFAULT_LIMIT = 64 * 1024;
    /** The most one read returns: a follower asks again from {@code next}, and the daemon's memory stays bounded. */
    static final int MAX_LIMIT = 1024 * 1024;
    private static final Set<String> KEYS = Set.of("stream", "offset", "limit");

    private LogQuery() {
    }

    /** @throws IllegalArgumentException naming the parameter and its bad value */
    static LogRequest parse(String uri) {
        Map<String, String> params = params(uri);
        String stream = params.getOrDefault("stream", "stdout");
        LogRequest.Stream which = switch (stream) {
            case "stdout" -> LogRequest.Stream.STDOUT;
            case "stderr" -> LogRequest.Stream.STDERR;
            default -> throw new IllegalArgumentException("stream=" + stream + " must be stdout or stderr");
        };
        OptionalLong offset = params.containsKey("offset")
                ? OptionalLong.of(number("offset", params.get("offset"), Long.MAX_VALUE)) : OptionalLong.empty();
        int limit = params.containsKey("limit") ? (int) number("limit", params.get("limit"), MAX_LIMIT) : DEFAULT_LIMIT;
        if (limit == 0) {
            throw new IllegalArgumentException("limit=0 must be from 1 to " + MAX_LIMIT);
        }
        return new LogRequest(which, offset, limit);
    }

    private static Map<String, String> params(String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        int query = uri.indexOf('?');
        if (query < 0) {
            return params;
        }
        int fragment = uri.indexOf('#', query);
        String text = uri.substring(query + 1, fragment < 0 ? uri.length() : fragment);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "'; use stream, offset and limit");
            }
            if (params.put(key, value) != null) {
                throw new IllegalArgumentException("parameter '" + key + "' is given twice");
            }
        }
        return params;
    }

    private static long number(String key, String value, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > max) {
            throw new IllegalArgumentException(key + "=" + value + " must be a whole number from 0 to " + max);
        }
        return n;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    }
}
