package dev.launchguard.adopt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The probes of a model server: an OpenAI-compatible one is kept honest by one tiny real inference
 * (a server can answer its health routes while every inference hangs); a KServe v2 one by its live
 * and ready routes. Both get a startup budget, since loading a model takes time.
 */
final class ModelProbes {

    /** An inference every 10s at the most: each one costs the model server real work. */
    static final Duration INFERENCE_INTERVAL = Duration.ofSeconds(10);
    /** A measured inference gets ten times its time, and at least this: a busy host is slower. */
    static final Duration INFERENCE_FLOOR = Duration.ofSeconds(2);
    static final int INFERENCE_MARGIN = 10;
    /** Without a measurement: generous, still well inside the interval. */
    static final Duration INFERENCE_UNMEASURED = Duration.ofSeconds(5);
    /** The timeout stays at least this far below the interval (launchguard demands timeout &lt; interval). */
    static final Duration BELOW_INTERVAL = Duration.ofSeconds(1);
    static final int INFERENCE_FAILURES = 3;
    static final String READY = "/v2/health/ready";
    static final String LIVE = "/v2/health/live";

    private ModelProbes() {
    }

    static Proposal openAi(String label, PortFinding port, StartupBudget.Budget budget) {
        OpenAi api = port.openAi().orElseThrow();
        List<String> warnings = new ArrayList<>();
        List<String> why = new ArrayList<>();
        why.add("an OpenAI-compatible server: " + port.exchange("GET", "/v1/models").map(Exchange::line).orElse("/v1/models"));
        why.add("liveness is one tiny real inference for " + api.models().get(0) + " on " + api.inferenceRoute()
                + " (" + api.why() + ")");
        Duration timeout;
        if (api.inferenceTook().isPresent()) {
            Duration took = api.inferenceTook().get();
            Duration wanted = HttpTiming.roundUp(took.multipliedBy(INFERENCE_MARGIN), Duration.ofMillis(100));
            timeout = wanted.compareTo(INFERENCE_FLOOR) < 0 ? INFERENCE_FLOOR : wanted;
            why.add("the inference took " + Durations.took(took) + " (--allow-inference): timeout " + INFERENCE_MARGIN
                    + "× that, at least " + Durations.text(INFERENCE_FLOOR));
            Duration cap = INFERENCE_INTERVAL.minus(BELOW_INTERVAL);
            if (timeout.compareTo(cap) > 0) {
                timeout = cap;
                warnings.add("the inference took " + Durations.took(took) + ": its timeout is cut to "
                        + Durations.text(cap) + " to stay below the " + Durations.text(INFERENCE_INTERVAL)
                        + " interval; check it does not fail on a busy host");
            }
        } else {
            timeout = INFERENCE_UNMEASURED;
            why.add("the inference was not measured: a conservative " + Durations.text(timeout)
                    + " timeout; --allow-inference measures it");
        }
        why.add("every " + Durations.text(INFERENCE_INTERVAL) + ": each inference costs the server real work");
        ProposedProbe liveness = new ProposedProbe("http", port.url(api.inferenceRoute()), Optional.of("POST"),
                Optional.of(api.inferenceBody()), OptionalInt.empty(), Optional.of(INFERENCE_INTERVAL),
                Optional.of(timeout), OptionalInt.of(INFERENCE_FAILURES), Optional.empty(), why);
        Optional<ProposedProbe> ready = port.kserve().map(k -> readyProbe(port, k));
        ProposedProbe startup = ready.orElseGet(() -> ProposedProbe.get(port.url("/v1/models"), OptionalInt.empty(),
                List.of("no KServe ready route: GET /v1/models, which answers once the server serves")));
        return new Proposal(label, Optional.of(startup), Optional.of(budget.value()), budget.why(), Optional.of(liveness),
                ready, warnings, Optional.empty());
    }

    static Proposal kserve(String label, PortFinding port, StartupBudget.Budget budget) {
        KServe k = port.kserve().orElseThrow();
        ProposedProbe liveness = HttpTiming.fit(ProposedProbe.get(port.url(LIVE), OptionalInt.empty(),
                List.of("a KServe v2 server: " + port.exchange("GET", LIVE).map(Exchange::line).orElse(k.why()))),
                port.exchange("GET", LIVE));
        ProposedProbe ready = readyProbe(port, k);
        return new Proposal(label, Optional.of(ready), Optional.of(budget.value()), budget.why(), Optional.of(liveness),
                Optional.of(ready), List.of(), Optional.empty());
    }

    private static ProposedProbe readyProbe(PortFinding port, KServe k) {
        return ProposedProbe.get(port.url(READY), OptionalInt.empty(), List.of("KServe v2 ready: "
                + port.exchange("GET", READY).map(Exchange::line).orElse(k.why())
                + (k.readyStatus() == 200 ? "" : "; 200 once the model is loaded")));
    }
}
