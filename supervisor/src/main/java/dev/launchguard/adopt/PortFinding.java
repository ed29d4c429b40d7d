package dev.launchguard.adopt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one loopback port said when surveyed: its protocol, every exchange in order, and what the
 * answers showed (an OpenAI-compatible API, KServe v2 health, a Next.js site, the answer at {@code /}).
 *
 * @param host {@code 127.0.0.1} or {@code ::1}, unbracketed; {@link #url} brackets an IPv6 host
 * @param connectTook the first connect, when it succeeded
 * @param tls the certificate check of an {@link Protocol#HTTPS} port
 */
public record PortFinding(String host, int port, Protocol protocol, Optional<Duration> connectTook,
        List<Exchange> exchanges, Optional<OpenAi> openAi, Optional<KServe> kserve, Optional<NextJs> nextJs,
        Optional<Exchange> root, Optional<Tls> tls) {

    public PortFinding {
        exchanges = List.copyOf(exchanges);
    }

    /** {@code http://127.0.0.1:8080/v1/models}, {@code https://[::1]:8443/}: the URL of {@code path} on this port. */
    public String url(String path) {
        String scheme = protocol == Protocol.HTTPS ? "https" : "http";
        return scheme + "://" + hostPort() + path;
    }

    /** {@code 127.0.0.1:6379} or {@code [::1]:6379}, as a TCP probe target. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The exchange for {@code method path}; the last when asked twice (over TLS after plain text failed). */
    public Optional<Exchange> exchange(String method, String path) {
        return exchanges.stream().filter(e -> e.method().equals(method) && e.path().equals(path)).reduce((a, b) -> b);
    }

    /** Requests sent: every exchange but the connect that only listens. */
    public long requests() {
        return exchanges.stream().filter(e -> !e.method().equals(Exchange.CONNECT)).count();
    }
}
