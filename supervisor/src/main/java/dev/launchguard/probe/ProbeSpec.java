package dev.launchguard.probe;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to probe: one record per probe kind. A new kind is one record here, one {@link Probe}
 * implementation and one case in {@link Prober#probeFor}.
 */
public sealed interface ProbeSpec permits ProbeSpec.Http, ProbeSpec.Tcp {

    /** A short description for logs and the API: the URL or host:port. */
    String target();

    /**
     * An HTTP(S) request that expects {@code expectedStatus} and, when given, a body containing
     * {@code bodyContains} within the first {@link HttpProbe#MAX_BODY_BYTES} bytes. A POST with a
     * small body lets liveness exercise the real work path (one tiny inference), which is what a
     * deadlock of worker threads stops while a plain health route still answers.
     *
     * @param method GET, HEAD or POST
     * @param requestBody sent with a POST, as {@code contentType}
     * @param verifyTls whether the server's certificate must chain to a trusted root
     * @param headers extra request headers from an owner-only file (an API key), never logged
     */
    record Http(URI url, String method, Optional<String> requestBody, String contentType, int expectedStatus,
            Optional<String> bodyContains, boolean verifyTls, ProbeHeaders headers) implements ProbeSpec {

        /** The methods a probe may use: none of them may change the target's state. */
        public static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST");

        public Http {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(requestBody, "requestBody");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(bodyContains, "bodyContains");
            Objects.requireNonNull(headers, "headers");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("probe url '" + url + "' must be http or https");
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("probe url '" + url + "' has no host");
            }
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("probe url '" + url + "' method " + method + " must be one of GET, HEAD, POST");
            }
            if (requestBody.isPresent() && !method.equals("POST")) {
                throw new IllegalArgumentException("probe url '" + url + "' has a body, which only a POST sends");
            }
            if (expectedStatus < 100 || expectedStatus > 599) {
                throw new IllegalArgumentException("probe url '" + url + "' expected status " + expectedStatus
                        + " is not an HTTP status (100-599)");
            }
        }

        /** A request without extra headers. */
        public Http(URI url, String method, Optional<String> requestBody, String contentType, int expectedStatus,
                Optional<String> bodyContains, boolean verifyTls) {
            this(url, method, requestBody, contentType, expectedStatus, bodyContains, verifyTls, ProbeHeaders.none());
        }

        /** A GET expecting {@code expectedStatus}. */
        public Http(URI url, int expectedStatus, Optional<String> bodyContains, boolean verifyTls) {
            this(url, "GET", Optional.empty(), "application/json", expectedStatus, bodyContains, verifyTls);
        }

        public static Http get(String url) {
            return new Http(URI.create(url), 200, Optional.empty(), true);
        }

        public boolean tls() {
            return url.getScheme().equalsIgnoreCase("https");
        }

        public int port() {
            if (url.getPort() != -1) {
                return url.getPort();
            }
            return tls() ? 443 : 80;
        }

        @Override
        public String target() {
            return url.toString();
        }
    }

    /** A TCP connect. Blind to a stopped process: the kernel completes the handshake for it. */
    record Tcp(String host, int port) implements ProbeSpec {

        public Tcp {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("tcp probe '" + host + ":" + port + "' port must be 1-65535");
            }
        }

        @Override
        public String target() {
            return host + ":" + port;
        }
    }
}
