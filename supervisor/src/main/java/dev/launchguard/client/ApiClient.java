package dev.launchguard.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.TokenFile;
import dev.launchguard.api.TokenFileException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The client side of the HTTP API, for the CLI and the chaos campaign. It speaks only to loopback:
 * the kickstart token must never leave the machine, and the daemon listens on loopback anyway.
 */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A local daemon accepts at once; longer means nothing listens there. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A kickstart answers once launchctl has issued it, which takes a few seconds at most. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** One answer: status and body. */
    public record Reply(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The API's {@code {"error": "..."}} message, or the raw body when it is not one. */
        public String error() {
            try {
                JsonNode json = JSON.readTree(body);
                if (json != null && json.hasNonNull("error")) {
                    return json.get("error").asText();
                }
            } catch (JsonProcessingException e) {
                // not JSON: show the body as it is
            }
            return "HTTP " + status + (body.isBlank() ? "" : ": " + body.strip());
        }
    }

    /** Nothing answered at the URL. */
    public static final class UnreachableException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }

        /** Why nothing answered, in plain words (never an exception's class name). */
        public String reason() {
            return getCause() instanceof IOException io ? plainCause(io) : getMessage();
        }
    }

    private final URI base;
    private final HttpClient http;
    private final Optional<Path> tokenFile;

    /** @throws IllegalArgumentException when the URL is not http:// on a loopback address */
    ApiClient(URI base) {
        this(base, Optional.empty());
    }

    /**
     * A client of the instance {@code target} names. It sends the token from the target's token file
     * on reads too, when the file is readable (every read beyond the job list needs it, docs/api.md),
     * and speaks HTTPS when the instance does, trusting exactly the certificate its runtime file names.
     *
     * @throws IllegalArgumentException when the URL is not on a loopback address, or is https:// with
     *     no certificate to trust
     */
    public static ApiClient of(ApiTarget target) {
        return new ApiClient(target.url(), Optional.of(target.tokenFile()), target.certificate());
    }

    private ApiClient(URI base, Optional<Path> tokenFile) {
        this(base, tokenFile, Optional.empty());
    }

    private ApiClient(URI base, Optional<Path> tokenFile, Optional<Path> certificate) {
        this.tokenFile = tokenFile;
        requireLoopback(base);
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equals(base.getScheme())) {
            builder.sslContext(PinnedCertificate.context(certificate.orElseThrow(() -> new IllegalArgumentException(
                    "'" + base + "' is https:// but no certificate to trust is known: the runtime file of a "
                            + "launchguard serving TLS names it; without one, use --state-dir"))));
        }
        this.http = builder.build();
    }

    private static void requireLoopback(URI url) {
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL of a launchguard API");
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(url.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new IllegalArgumentException("'" + url + "' is not on a loopback address: the CLI talks to the "
                    + "launchguard of this machine only (use an SSH tunnel for another)");
        }
    }

    public URI base() {
        return base;
    }

    public Reply get(String path) throws UnreachableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        readableToken().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return send(request, path);
    }

    /** The token, when this client has a token file it may read; a read it cannot authorise gets a 401 that says so. */
    private Optional<String> readableToken() {
        try {
            return tokenFile.map(TokenFile::read);
        } catch (TokenFileException e) {
            return Optional.empty();
        }
    }

    public Reply post(String path, Optional<String> token) throws UnreachableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return send(request, path);
    }

    /**
     * Why a request got no answer, in plain words: the JDK's connect failures often carry no message
     * at all, and an exception's class name means nothing to an operator.
     */
    static String plainCause(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "nothing accepted the connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "it accepted the connection but did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof java.net.ConnectException || root instanceof java.net.ConnectException) {
            return "nothing listens there (connection refused)";
        }
        if (root instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake failed (" + plainMessage(root) + ")";
        }
        return "the connection failed (" + plainMessage(root) + ")";
    }

    private static String plainMessage(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? "no detail given" : t.getMessage();
    }

    private Reply send(HttpRequest.Builder request, String path) throws UnreachableException {
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UnreachableException(base + path + ": " + plainCause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(base + path + ": interrupted", e);
        }
    }
}
