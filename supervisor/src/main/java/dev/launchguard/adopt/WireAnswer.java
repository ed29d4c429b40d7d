package dev.launchguard.adopt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What came back for one request of the survey's HTTP client: an HTTP reply, bytes that are not
 * HTTP, a close without a byte, silence until the deadline, a refused connect, or a failed TLS
 * handshake.
 *
 * @param headers names in lower case
 * @param bytes the reply's body when HTTP, else the first bytes the port sent
 * @param problem why there is no HTTP reply, or why it is incomplete; empty when there is nothing to say
 */
record WireAnswer(Kind kind, OptionalInt status, Map<String, List<String>> headers, byte[] bytes, Duration took,
        String problem, Optional<Tls> tls) {

    enum Kind { HTTP, NOT_HTTP, CLOSED, TIMED_OUT, REFUSED, TLS_FAILED }

    static WireAnswer without(Kind kind, byte[] bytes, Duration took, String problem) {
        return new WireAnswer(kind, OptionalInt.empty(), Map.of(), bytes, took, problem, Optional.empty());
    }

    WireAnswer withTls(Tls seen) {
        return new WireAnswer(kind, status, headers, bytes, took, problem, Optional.of(seen));
    }

    boolean http() {
        return kind == Kind.HTTP;
    }

    int statusOr(int none) {
        return status.orElse(none);
    }

    /** Every value of header {@code name}, joined by {@code , }; empty when absent. */
    String header(String name) {
        return String.join(", ", headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
