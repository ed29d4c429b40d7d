package dev.launchguard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code api} block of {@code launchguard.yaml}: who may address the HTTP API and how much of
 * the process it may hold.
 *
 * @param hosts names accepted in a request's {@code Host} header besides {@code localhost} and IP
 *     literals (a DNS-rebinding page always sends a name of its own, never one of these)
 * @param requestTimeout one deadline for a request's head and body, from its first byte (or from the
 *     previous answer on a kept-alive connection); a slow sender is answered 408 and closed
 * @param maxConnections the cap on open API connections; empty derives it from the file limit
 * @param tls the certificate and key to serve HTTPS with; required beyond loopback
 */
public record ApiConfig(List<String> hosts, Duration requestTimeout, OptionalInt maxConnections, Optional<Tls> tls) {

    /** A PEM certificate chain and its PKCS#8 private key. */
    public record Tls(Path certificate, Path key) {

        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }
    }

    public ApiConfig {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxConnections, "maxConnections");
        Objects.requireNonNull(tls, "tls");
    }

    public static ApiConfig defaults() {
        return new ApiConfig(List.of(), ConfigDefaults.API_REQUEST_TIMEOUT, OptionalInt.empty(), Optional.empty());
    }
}
