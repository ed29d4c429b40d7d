package dev.launchguard.adopt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the survey's answers show: a model list, KServe v2 health, a Next.js site, and the note each exchange carries. */
final class Evidence {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A model list longer than this is cut in a note; the finding keeps them all. */
    private static final int MODELS_NOTED = 5;

    private Evidence() {
    }

    /** The model ids of an OpenAI {@code /v1/models} answer ({@code {"data":[{"id":...}]}}); empty when it is not one or lists none. */
    static Optional<List<String>> models(WireAnswer a) {
        if (a.statusOr(0) != 200) {
            return Optional.empty();
        }
        try {
            JsonNode data = JSON.readTree(a.bytes()).path("data");
            List<String> ids = new ArrayList<>();
            for (JsonNode model : data) {
                String id = model.path("id").asText("");
                if (!id.isBlank()) {
                    ids.add(id);
                }
            }
            return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** KServe v2: live answered 200, and not with a web page (a site that answers every path with its app). */
    static Optional<KServe> kserve(Optional<WireAnswer> live, Optional<WireAnswer> ready) {
        if (live.isEmpty() || ready.isEmpty() || live.get().statusOr(0) != 200 || html(live.get()) || !ready.get().http()) {
            return Optional.empty();
        }
        int readyStatus = ready.get().statusOr(0);
        String why = "GET /v2/health/live → 200, GET /v2/health/ready → " + readyStatus
                + (readyStatus == 503 ? " (not ready yet: loading)" : "");
        return Optional.of(new KServe(200, readyStatus, why));
    }

    /** The first Next.js marker in the answers, headers before the page. */
    static Optional<NextJs> nextJs(Map<String, WireAnswer> answers) {
        for (WireAnswer a : answers.values()) {
            Optional<String> marker = header(a);
            if (marker.isPresent()) {
                return marker.map(m -> new NextJs(m, Optional.empty()));
            }
        }
        WireAnswer root = answers.get("/");
        if (root != null && html(root)) {
            String page = root.text();
            for (String marker : List.of("/_next/", "__next")) {
                if (page.contains(marker)) {
                    return Optional.of(new NextJs("'" + marker + "' in the page at /", Optional.empty()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> header(WireAnswer a) {
        if (a.header("x-powered-by").contains("Next.js")) {
            return Optional.of("x-powered-by: " + a.header("x-powered-by"));
        }
        Optional<String> nextHeader = a.headers().keySet().stream().filter(h -> h.startsWith("x-nextjs-")).findFirst();
        if (nextHeader.isPresent()) {
            return Optional.of(nextHeader.get() + " header");
        }
        String vary = a.header("vary");
        if (vary.contains("RSC") || vary.contains("Next-Router-State-Tree")) {
            return Optional.of("vary: " + vary);
        }
        return Optional.empty();
    }

    /** The note of one exchange: why there was no HTTP answer, or what a person should know of it. */
    static String note(String path, WireAnswer a, boolean tls) {
        List<String> parts = new ArrayList<>();
        if (tls) {
            parts.add("over TLS");
            a.tls().ifPresent(t -> parts.add(t.trusted() ? "certificate trusted" : "certificate not trusted"));
        }
        switch (a.kind()) {
            case CLOSED -> parts.add("closed the connection without a word");
            case NOT_HTTP -> parts.add(FirstBytes.tlsAlert(a.bytes()) ? "a TLS alert: the port speaks TLS"
                    : "not HTTP: '" + FirstBytes.printable(a.bytes()) + "'");
            case HTTP -> httpNote(path, a).ifPresent(parts::add);
            default -> { }
        }
        if (!a.problem().isEmpty()) {
            parts.add(a.problem());
        }
        return String.join(", ", parts);
    }

    private static Optional<String> httpNote(String path, WireAnswer a) {
        int status = a.statusOr(0);
        if (status / 100 == 3) {
            return Optional.of("redirects to " + a.header("location") + " (not followed)");
        }
        if (path.equals("/v1/models")) {
            return models(a).map(ids -> "models: " + String.join(", ", ids.subList(0, Math.min(ids.size(), MODELS_NOTED)))
                    + (ids.size() > MODELS_NOTED ? " and " + (ids.size() - MODELS_NOTED) + " more" : ""));
        }
        if (status == 405) {
            return Optional.of("the route exists and takes " + (a.header("allow").isEmpty() ? "another method"
                    : a.header("allow")));
        }
        Optional<String> marker = header(a);
        if (marker.isPresent()) {
            return marker;
        }
        String server = a.header("server");
        return server.isEmpty() ? Optional.empty() : Optional.of("server: " + server);
    }

    private static boolean html(WireAnswer a) {
        return a.header("content-type").toLowerCase(Locale.ROOT).contains("text/html");
    }

    /** {@code value} as a JSON string literal. */
    static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string that Jackson cannot write: " + e.getMessage(), e);
        }
    }
}
