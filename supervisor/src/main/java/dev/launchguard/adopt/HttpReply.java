package dev.launchguard.adopt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses an HTTP/1.x reply as its bytes arrive: the status line, the headers, and a body framed by
 * {@code Content-Length}, chunked transfer coding or the close.
 */
final class HttpReply {

    private static final byte[] PREFIX = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    /** False as soon as the first bytes cannot begin {@code HTTP/}. */
    static boolean looksLikeHttp(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, PREFIX.length); i++) {
            if (bytes[i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the head is in and the body, as framed, is complete (or the head is too long to wait for). */
    boolean complete(byte[] bytes) {
        int end = headEnd(bytes);
        if (end < 0) {
            return bytes.length >= WireClient.MAX_HEAD;
        }
        Map<String, List<String>> headers = headers(bytes, end);
        int status = status(bytes).orElse(0);
        if (status == 204 || status == 304 || status / 100 == 1) {
            return true;
        }
        int bodyBytes = bytes.length - end;
        String length = first(headers, "content-length");
        if (!length.isEmpty() && length.matches("\\d{1,9}")) {
            return bodyBytes >= Math.min(Integer.parseInt(length), WireClient.MAX_BODY);
        }
        if (first(headers, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            return dechunk(bytes, end).complete() || bodyBytes >= WireClient.MAX_BODY;
        }
        return bodyBytes >= WireClient.MAX_BODY;
    }

    /** The answer these bytes make; an unreadable status line is {@code NOT_HTTP}. */
    WireAnswer answer(byte[] bytes, Duration took, String problem) {
        OptionalInt status = status(bytes);
        int end = headEnd(bytes);
        if (status.isEmpty()) {
            return WireAnswer.without(WireAnswer.Kind.NOT_HTTP, java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 256)),
                    took, problem);
        }
        Map<String, List<String>> headers = end < 0 ? Map.of() : headers(bytes, end);
        byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, end, bytes.length);
        if (end >= 0 && first(headers, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(bytes, end).body();
        }
        if (body.length > WireClient.MAX_BODY) {
            body = java.util.Arrays.copyOf(body, WireClient.MAX_BODY);
        }
        return new WireAnswer(WireAnswer.Kind.HTTP, status, headers, body, took, problem, Optional.empty());
    }

    private static OptionalInt status(byte[] bytes) {
        int eol = indexOf(bytes, "\r\n", 0);
        String line = new String(bytes, 0, eol < 0 ? Math.min(bytes.length, 64) : eol, StandardCharsets.ISO_8859_1);
        String[] parts = line.split(" ", 3);
        if (parts.length >= 2 && parts[0].matches("HTTP/\\d\\.\\d") && parts[1].matches("\\d{3}")) {
            return OptionalInt.of(Integer.parseInt(parts[1]));
        }
        return OptionalInt.empty();
    }

    private static int headEnd(byte[] bytes) {
        int i = indexOf(bytes, "\r\n\r\n", 0);
        return i < 0 ? -1 : i + 4;
    }

    private static Map<String, List<String>> headers(byte[] bytes, int end) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.getOrDefault(name, List.of());
        return values.isEmpty() ? "" : values.get(0);
    }

    private record Dechunked(byte[] body, boolean complete) {
    }

    private static Dechunked dechunk(byte[] bytes, int from) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = from;
        while (true) {
            int eol = indexOf(bytes, "\r\n", at);
            if (eol < 0) {
                return new Dechunked(body.toByteArray(), false);
            }
            String size = new String(bytes, at, eol - at, StandardCharsets.ISO_8859_1).split(";", 2)[0].strip();
            if (!size.matches("[0-9a-fA-F]{1,7}")) {
                return new Dechunked(body.toByteArray(), true);
            }
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                return new Dechunked(body.toByteArray(), true);
            }
            int start = eol + 2;
            int available = Math.min(n, bytes.length - start);
            body.write(bytes, start, Math.max(0, available));
            if (available < n) {
                return new Dechunked(body.toByteArray(), false);
            }
            at = start + n + 2;
            if (at > bytes.length) {
                return new Dechunked(body.toByteArray(), false);
            }
        }
    }

    private static int indexOf(byte[] bytes, String needle, int from) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= bytes.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (bytes[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
