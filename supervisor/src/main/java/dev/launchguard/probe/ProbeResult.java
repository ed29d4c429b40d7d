package dev.launchguard.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of one probe attempt.
 *
 * @param outcome how the attempt ended
 * @param duration from the start of the attempt to its end, at most the attempt's timeout plus
 *     scheduling slack
 * @param status the HTTP status, when one was received
 * @param detail a short human-readable reason ("status 503, expected 200", "connection refused")
 * @param tls the server's certificate chain details, for TLS targets that completed a handshake
 */
public record ProbeResult(Outcome outcome, Duration duration, OptionalInt status, String detail,
        Optional<TlsDetails> tls) {

    public ProbeResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(tls, "tls");
    }

    static ProbeResult of(Outcome outcome, Duration duration, String detail) {
        return new ProbeResult(outcome, duration, OptionalInt.empty(), detail, Optional.empty());
    }

    public boolean up() {
        return outcome == Outcome.UP;
    }
}
