package dev.launchguard.adopt;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One port's survey, in the order of asking: connect and listen for a banner; name a well-known
 * non-HTTP port and stop; else {@code GET /v1/models} (falling back to TLS when plain text is refused),
 * the KServe v2 health routes, {@code /}, then what those answers call for: an OpenAI server's
 * inference route (decided by GET, a POST-only route answering 405), a Next.js site's health route.
 * Not reused: it holds the exchanges and the request count of this one survey.
 */
final class Survey {

    /** SSH and MySQL greet at once; a server silent this long after the connect does not speak first. */
    static final Duration BANNER_WAIT = Duration.ofMillis(300);

    /** Ports whose protocol is unambiguous and where an HTTP request is at best noise: asked nothing. */
    private static final Map<Integer, Protocol> WELL_KNOWN = Map.of(6379, Protocol.REDIS, 5432, Protocol.POSTGRES,
            3306, Protocol.MYSQL, 11211, Protocol.MEMCACHED, 27017, Protocol.MONGODB, 22, Protocol.SSH);

    private final String host;
    private final int port;
    private final PortSurvey.Settings settings;
    private final WireClient client;
    private final List<Exchange> exchanges = new ArrayList<>();
    /** HTTP answers by path, for the evidence that looks across them (Next.js headers). */
    private final Map<String, WireAnswer> answers = new LinkedHashMap<>();
    private int sent;
    private boolean tls;
    private Optional<Tls> certificate = Optional.empty();

    Survey(InetAddress address, int port, PortSurvey.Settings settings) {
        this.host = address instanceof Inet6Address ? "::1" : address.getHostAddress();
        this.port = port;
        this.settings = settings;
        this.client = new WireClient(address, port, settings.deadline());
    }

    PortFinding run() {
        Duration wait = BANNER_WAIT.compareTo(settings.deadline()) < 0 ? BANNER_WAIT : settings.deadline();
        WireAnswer hello = client.listen(wait);
        if (hello.kind() == WireAnswer.Kind.REFUSED) {
            exchanges.add(new Exchange(Exchange.CONNECT, "", OptionalInt.empty(), hello.took(), hello.problem()));
            return finding(Protocol.NO_ANSWER, Optional.empty());
        }
        Optional<Duration> connected = Optional.of(hello.took());
        Optional<Protocol> spoke = FirstBytes.banner(hello.bytes());
        Protocol byPort = WELL_KNOWN.get(port);
        String heard = switch (hello.kind()) {
            case NOT_HTTP -> "said first: '" + FirstBytes.printable(hello.bytes()) + "'";
            case CLOSED -> "closed without a word";
            default -> "said nothing in " + Durations.text(wait);
        };
        if (spoke.isPresent()) {
            connect(hello, heard + ", " + spoke.get().displayName() + " from its banner");
            return finding(spoke.get(), connected);
        }
        if (byPort != null) {
            connect(hello, heard + ", " + byPort.displayName() + " named from its port; no HTTP sent");
            return finding(byPort, connected);
        }
        if (hello.kind() == WireAnswer.Kind.NOT_HTTP) {
            connect(hello, heard + ": speaks first, so not HTTP; no HTTP sent");
            return finding(Protocol.OTHER, connected);
        }
        connect(hello, heard);
        return http(connected);
    }

    private PortFinding http(Optional<Duration> connected) {
        WireAnswer models = first("/v1/models").orElseThrow();
        if (!models.http() || plainToTls(models)) {
            Optional<Protocol> named = notHttp(models);
            if (named.isPresent()) {
                return finding(named.get(), connected);
            }
            models = ask("/v1/models", 0).orElseThrow();
            if (!models.http()) {
                return finding(Protocol.OTHER, connected);
            }
        }
        Optional<WireAnswer> live = ask("/v2/health/live", 0);
        Optional<WireAnswer> ready = ask("/v2/health/ready", 0);
        Optional<WireAnswer> root = ask("/", 0);
        Optional<KServe> kserve = Evidence.kserve(live, ready);
        Optional<OpenAi> openAi = Evidence.models(models)
                .flatMap(ids -> new InferenceRoute(this, settings.allowInference()).decide(ids));
        Optional<NextJs> nextJs = Evidence.nextJs(answers).map(this::withHealthRoute);
        Optional<Exchange> rootExchange = root.isPresent() ? exchange("GET", "/") : Optional.empty();
        return new PortFinding(host, port, tls ? Protocol.HTTPS : Protocol.HTTP, connected, exchanges, openAi, kserve,
                nextJs, rootExchange, certificate);
    }

    /** Nginx answers plain text on its TLS port with a 400 that says so. */
    private static boolean plainToTls(WireAnswer a) {
        return a.statusOr(0) == 400 && a.text().contains("plain HTTP request was sent to HTTPS port");
    }

    /**
     * After plain-text HTTP got no HTTP answer: the protocol the bytes name, {@link Protocol#TCP_SILENT}
     * for silence, {@link Protocol#NO_ANSWER} if the port went away; empty when TLS is worth a try (a
     * TLS alert, a close without a word, nginx's 400) and {@link #tls} is then set.
     */
    private Optional<Protocol> notHttp(WireAnswer a) {
        switch (a.kind()) {
            case TIMED_OUT:
                return Optional.of(Protocol.TCP_SILENT);
            case REFUSED:
                return Optional.of(Protocol.NO_ANSWER);
            case NOT_HTTP:
                if (!FirstBytes.tlsAlert(a.bytes())) {
                    return Optional.of(FirstBytes.reply(a.bytes()).orElse(Protocol.OTHER));
                }
                break;
            default:
                break;
        }
        if (sent >= settings.maxRequests()) {
            return Optional.of(Protocol.OTHER);
        }
        tls = true;
        return Optional.empty();
    }

    /**
     * {@code GET path} when the request budget allows, keeping {@code reserve} requests back; the
     * answer is recorded as an exchange.
     */
    Optional<WireAnswer> ask(String path, int reserve) {
        return send("GET", path, Optional.empty(), reserve);
    }

    /** The first request to a port that may not be HTTP: its request line goes alone first ({@link WireClient#firstExchange}). */
    private Optional<WireAnswer> first(String path) {
        return send("GET", path, Optional.empty(), 0, true);
    }

    Optional<WireAnswer> send(String method, String path, Optional<String> body, int reserve) {
        return send(method, path, body, reserve, false);
    }

    private Optional<WireAnswer> send(String method, String path, Optional<String> body, int reserve, boolean first) {
        if (sent + reserve >= settings.maxRequests()) {
            return Optional.empty();
        }
        sent++;
        WireAnswer a = first ? client.firstExchange(method, path, tls) : client.exchange(method, path, body, tls);
        a.tls().ifPresent(t -> certificate = Optional.of(t));
        if (a.http()) {
            answers.putIfAbsent(path, a);
        }
        exchanges.add(new Exchange(method, path, a.status(), a.took(), Evidence.note(path, a, tls)));
        return Optional.of(a);
    }

    Optional<Exchange> exchange(String method, String path) {
        return exchanges.stream().filter(e -> e.method().equals(method) && e.path().equals(path)).reduce((a, b) -> b);
    }

    private NextJs withHealthRoute(NextJs site) {
        for (String path : List.of("/api/health", "/healthz")) {
            Optional<WireAnswer> a = ask(path, 0);
            if (a.isPresent() && a.get().statusOr(0) == 200) {
                return new NextJs(site.evidence(), Optional.of(path));
            }
        }
        return site;
    }

    private void connect(WireAnswer hello, String note) {
        exchanges.add(new Exchange(Exchange.CONNECT, "", OptionalInt.empty(), hello.took(), note));
    }

    private PortFinding finding(Protocol protocol, Optional<Duration> connected) {
        return new PortFinding(host, port, protocol, connected, exchanges, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), certificate);
    }
}
