package dev.launchguard.adopt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Port findings as the survey writes them, built by hand for the proposer's tests. */
final class Findings {

    static final String MODEL = "all-minilm-l6-v2";
    static final String EMBED_BODY = "{\"model\":\"" + MODEL + "\",\"input\":\"ping\"}";

    private Findings() {
    }

    static Exchange get(String path, int status, long millis, String note) {
        return new Exchange("GET", path, OptionalInt.of(status), Duration.ofMillis(millis), note);
    }

    static Exchange connect(String note) {
        return new Exchange(Exchange.CONNECT, "", OptionalInt.empty(), Duration.ofMillis(1), note);
    }

    static PortFinding http(int port, Protocol protocol, List<Exchange> exchanges, Optional<OpenAi> openAi,
            Optional<KServe> kserve, Optional<NextJs> nextJs, Optional<Tls> tls) {
        List<Exchange> all = new ArrayList<>();
        all.add(connect("said nothing in 300ms"));
        all.addAll(exchanges);
        Optional<Exchange> root = exchanges.stream().filter(e -> e.path().equals("/")).findFirst();
        return new PortFinding("127.0.0.1", port, protocol, Optional.of(Duration.ofMillis(1)), all, openAi, kserve,
                nextJs, root, tls);
    }

    static PortFinding plain(int port, Exchange... exchanges) {
        return http(port, Protocol.HTTP, List.of(exchanges), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    static OpenAi embeddings(Optional<Duration> took) {
        return new OpenAi(List.of(MODEL), "/v1/embeddings", EMBED_BODY, took,
                "GET /v1/embeddings → 405: the route exists and takes POST");
    }

    /** The sample model server: OpenAI embeddings and KServe v2, ready. */
    static PortFinding modelServer(int port, Optional<Duration> inferenceTook, boolean kserve) {
        List<Exchange> exchanges = List.of(get("/v1/models", 200, 4, "models: " + MODEL),
                get("/v2/health/live", kserve ? 200 : 404, 1, ""), get("/v2/health/ready", kserve ? 200 : 404, 1, ""),
                get("/", 404, 1, ""), get("/v1/embeddings", 405, 1, "the route exists and takes POST"));
        return http(port, Protocol.HTTP, exchanges, Optional.of(embeddings(inferenceTook)),
                kserve ? Optional.of(new KServe(200, 200, "GET /v2/health/live → 200, GET /v2/health/ready → 200"))
                        : Optional.empty(), Optional.empty(), Optional.empty());
    }

    static PortFinding named(int port, Protocol protocol, String note) {
        return new PortFinding("127.0.0.1", port, protocol, Optional.of(Duration.ofMillis(1)), List.of(connect(note)),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static PortFinding refused(int port) {
        return new PortFinding("127.0.0.1", port, Protocol.NO_ANSWER, Optional.empty(),
                List.of(new Exchange(Exchange.CONNECT, "", OptionalInt.empty(), Duration.ofMillis(1), "connection refused")),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
