package dev.launchguard.adopt;

import static dev.launchguard.adopt.Findings.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.JobConfig;
import dev.launchguard.probe.ProbeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every choice of the proposer, each proposal read back by launchguard's own config loader. */
class ProbeProposerTest {

    private static final String LABEL = "com.example.job";
    private static final Optional<Duration> UNKNOWN = Optional.empty();

    @TempDir
    Path dir;

    private Proposal propose(List<PortFinding> findings) {
        return ProbeProposer.propose(LABEL, findings, UNKNOWN, UNKNOWN);
    }

    /** The proposal as launchguard would load it: the loader's validation (timeout < interval, URL rules) passes. */
    private JobConfig loaded(Proposal p) throws Exception {
        return ProposalYaml.load(p, dir).jobs().get(0);
    }

    @Test
    void anOpenAiServerIsKeptHonestByOneTinyInferenceAndKServeGatesItsStart() throws Exception {
        Proposal p = propose(List.of(Findings.modelServer(8080, UNKNOWN, true)));

        ProposedProbe live = p.liveness().orElseThrow();
        assertThat(live.target()).isEqualTo("http://127.0.0.1:8080/v1/embeddings");
        assertThat(live.method()).contains("POST");
        assertThat(live.body()).contains(Findings.EMBED_BODY);
        assertThat(live.interval()).contains(Duration.ofSeconds(10));
        assertThat(live.timeout()).contains(Duration.ofSeconds(5));
        assertThat(live.failureThreshold()).hasValue(3);
        assertThat(live.why()).containsExactly(
                "an OpenAI-compatible server: GET /v1/models → 200 in 4ms, models: all-minilm-l6-v2",
                "liveness is one tiny real inference for all-minilm-l6-v2 on /v1/embeddings "
                        + "(GET /v1/embeddings → 405: the route exists and takes POST)",
                "the inference was not measured: a conservative 5s timeout; --allow-inference measures it",
                "every 10s: each inference costs the server real work");
        assertThat(p.startup().orElseThrow().target()).isEqualTo("http://127.0.0.1:8080/v2/health/ready");
        assertThat(p.readiness().orElseThrow().target()).isEqualTo("http://127.0.0.1:8080/v2/health/ready");
        assertThat(p.startupBudget()).contains(Duration.ofMinutes(2));

        JobConfig job = loaded(p);
        ProbeSpec.Http spec = (ProbeSpec.Http) job.liveness().spec();
        assertThat(spec.method()).isEqualTo("POST");
        assertThat(spec.requestBody()).contains(Findings.EMBED_BODY);
        assertThat(job.liveness().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(job.startupBudget()).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @CsvSource({
        "23, 2s", // ten times is 230ms: the 2s floor
        "450, 4500ms", // ten times
        "2000, 9s", // ten times is 20s: cut to stay below the 10s interval
    })
    void aMeasuredInferenceSetsTheTimeoutAtTenTimesItsTime(long tookMillis, String timeout) throws Exception {
        Proposal p = propose(List.of(Findings.modelServer(8080, Optional.of(Duration.ofMillis(tookMillis)), true)));

        ProposedProbe live = p.liveness().orElseThrow();
        assertThat(Durations.text(live.timeout().orElseThrow())).isEqualTo(timeout);
        assertThat(live.why()).contains("the inference took " + Durations.took(Duration.ofMillis(tookMillis))
                + " (--allow-inference): timeout 10× that, "
                + "at least 2s");
        assertThat(p.warnings()).hasSize(tookMillis == 2000 ? 1 : 0);
        assertThat(loaded(p).liveness().timeout()).isEqualTo(live.timeout().orElseThrow());
    }

    @Test
    void anOpenAiServerWithoutKServeStartsOnItsModelList() throws Exception {
        Proposal p = propose(List.of(Findings.modelServer(8080, UNKNOWN, false)));

        assertThat(p.startup().orElseThrow().target()).isEqualTo("http://127.0.0.1:8080/v1/models");
        assertThat(p.readiness()).isEmpty();
        loaded(p);
    }

    @Test
    void aKServeServerGetsItsLiveAndReadyRoutes() throws Exception {
        PortFinding kserve = Findings.http(8000, Protocol.HTTP, List.of(get("/v1/models", 404, 1, ""),
                get("/v2/health/live", 200, 2, ""), get("/v2/health/ready", 503, 1, ""), get("/", 404, 1, "")),
                Optional.empty(), Optional.of(new KServe(200, 503, "live 200, ready 503")), Optional.empty(), Optional.empty());

        Proposal p = propose(List.of(kserve));

        assertThat(p.liveness().orElseThrow().target()).isEqualTo("http://127.0.0.1:8000/v2/health/live");
        assertThat(p.liveness().orElseThrow().why()).containsExactly("a KServe v2 server: GET /v2/health/live → 200 in 2ms");
        assertThat(p.readiness().orElseThrow().target()).isEqualTo("http://127.0.0.1:8000/v2/health/ready");
        assertThat(p.readiness().orElseThrow().why()).containsExactly(
                "KServe v2 ready: GET /v2/health/ready → 503 in 1ms; 200 once the model is loaded");
        assertThat(p.startup()).isEqualTo(p.readiness());
        assertThat(p.startupBudget()).isPresent();
        loaded(p);
    }

    @Test
    void aNextJsSiteIsProbedOnItsHealthRouteWhenOneAnswered() throws Exception {
        PortFinding site = Findings.http(3000, Protocol.HTTP, List.of(get("/", 200, 12, "x-powered-by: Next.js"),
                get("/api/health", 200, 3, "")), Optional.empty(), Optional.empty(),
                Optional.of(new NextJs("x-powered-by: Next.js", Optional.of("/api/health"))), Optional.empty());

        ProposedProbe live = propose(List.of(site)).liveness().orElseThrow();

        assertThat(live.target()).isEqualTo("http://127.0.0.1:3000/api/health");
        assertThat(live.expectStatus()).isEmpty();
        assertThat(live.why()).containsExactly("a Next.js site (x-powered-by: Next.js)", "GET /api/health → 200 in 3ms");
    }

    @Test
    void aNextJsSiteWithoutAHealthRouteIsProbedAtTheRoot() throws Exception {
        PortFinding site = Findings.http(3000, Protocol.HTTP, List.of(get("/", 200, 12, "x-powered-by: Next.js")),
                Optional.empty(), Optional.empty(), Optional.of(new NextJs("x-powered-by: Next.js", Optional.empty())),
                Optional.empty());

        Proposal p = propose(List.of(site));

        assertThat(p.liveness().orElseThrow().target()).isEqualTo("http://127.0.0.1:3000/");
        assertThat(p.startupBudget()).isEmpty();
        loaded(p);
    }

    @ParameterizedTest
    @CsvSource({"200, -1", "401, 401", "404, 404", "307, 307"})
    void anyOtherHttpExpectsTheStatusItAnswered(int status, int expected) throws Exception {
        Proposal p = propose(List.of(Findings.plain(9000, get("/v1/models", 404, 1, ""), get("/", status, 2, ""))));

        ProposedProbe live = p.liveness().orElseThrow();
        assertThat(live.target()).isEqualTo("http://127.0.0.1:9000/");
        assertThat(live.expectStatus()).isEqualTo(expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected));
        assertThat(live.why()).contains("HTTP on 9000: a GET expecting the status it answered", "GET / → " + status + " in 2ms");
        assertThat(live.why().stream().anyMatch(w -> w.startsWith("a redirect counts as up"))).isEqualTo(status == 307);
        assertThat(((ProbeSpec.Http) loaded(p).liveness().spec()).expectedStatus()).isEqualTo(status);
    }

    @Test
    void aSlowAnswerWidensTheTimeoutAndInterval() throws Exception {
        Proposal p = propose(List.of(Findings.plain(9000, get("/", 200, 450, ""))));

        ProposedProbe live = p.liveness().orElseThrow();
        assertThat(live.timeout()).contains(Duration.ofMillis(1400));
        assertThat(live.interval()).contains(Duration.ofSeconds(3));
        assertThat(live.why()).contains("answered in 450ms, slower than the default timeout allows: timeout 1400ms (3× that), "
                + "interval 3s");
        loaded(p);
    }

    @Test
    void httpsWithATrustedCertificateKeepsVerifying() throws Exception {
        PortFinding tls = Findings.http(8443, Protocol.HTTPS, List.of(get("/", 200, 5, "over TLS, certificate trusted")),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new Tls(true, Optional.empty())));

        Proposal p = propose(List.of(tls));

        assertThat(p.liveness().orElseThrow().target()).isEqualTo("https://127.0.0.1:8443/");
        assertThat(p.liveness().orElseThrow().tlsVerify()).isEmpty();
        assertThat(p.warnings()).isEmpty();
        assertThat(((ProbeSpec.Http) loaded(p).liveness().spec()).verifyTls()).isTrue();
    }

    @Test
    void httpsWithASelfSignedCertificateTurnsVerificationOffAndSaysSo() throws Exception {
        PortFinding tls = Findings.http(8443, Protocol.HTTPS, List.of(get("/", 200, 5, "over TLS")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(new Tls(false, Optional.of("PKIX path building failed"))));

        Proposal p = propose(List.of(tls));

        assertThat(p.liveness().orElseThrow().tlsVerify()).contains(false);
        assertThat(p.liveness().orElseThrow().why()).contains("tlsVerify false: the certificate is not trusted "
                + "(probably self-signed: PKIX path building failed); the probe talks to loopback only");
        assertThat(p.warnings()).hasSize(1);
        assertThat(((ProbeSpec.Http) loaded(p).liveness().spec()).verifyTls()).isFalse();
    }

    @Test
    void aSilentPortGetsATcpProbeAndTheBlindnessWarning() throws Exception {
        Proposal p = propose(List.of(Findings.named(7000, Protocol.TCP_SILENT, "said nothing in 300ms")));

        assertThat(p.liveness().orElseThrow().kind()).isEqualTo("tcp");
        assertThat(p.liveness().orElseThrow().target()).isEqualTo("127.0.0.1:7000");
        assertThat(p.warnings()).containsExactly(
                "a TCP connect is blind to a stopped process: the kernel completes the handshake");
        assertThat(loaded(p).liveness().spec()).isEqualTo(new ProbeSpec.Tcp("127.0.0.1", 7000));
    }

    @Test
    void aNamedProtocolGetsATcpProbeNamedAsSuch() throws Exception {
        Proposal p = propose(List.of(Findings.named(6379, Protocol.REDIS,
                "said nothing in 300ms, Redis named from its port; no HTTP sent")));

        assertThat(p.liveness().orElseThrow().why()).containsExactly(
                "Redis on 6379: TCP probe; launchguard does not speak Redis",
                "connect in 1ms, said nothing in 300ms, Redis named from its port; no HTTP sent");
        assertThat(p.warnings()).isEmpty();
        loaded(p);
    }

    @Test
    void theBestOfSeveralPortsDecidesAndTheOthersAreNamed() throws Exception {
        Proposal p = propose(List.of(Findings.named(5432, Protocol.POSTGRES, "named from its port"),
                Findings.plain(9000, get("/", 200, 1, "")), Findings.modelServer(8080, UNKNOWN, true),
                Findings.refused(9999)));

        List<String> why = p.liveness().orElseThrow().why();
        assertThat(p.liveness().orElseThrow().target()).isEqualTo("http://127.0.0.1:8080/v1/embeddings");
        assertThat(why.get(why.size() - 1)).isEqualTo("chosen over 127.0.0.1:5432 (PostgreSQL), 127.0.0.1:9000 (HTTP): "
                + "an OpenAI-compatible server is the stronger probe");
    }

    @Test
    void theRankOrdersOpenAiKServeNextJsHttpHttpsNamedTcp() {
        PortFinding kserve = Findings.http(1, Protocol.HTTP, List.of(), Optional.empty(),
                Optional.of(new KServe(200, 200, "")), Optional.empty(), Optional.empty());
        PortFinding next = Findings.http(2, Protocol.HTTP, List.of(), Optional.empty(), Optional.empty(),
                Optional.of(new NextJs("x", Optional.empty())), Optional.empty());
        List<PortFinding> best = List.of(Findings.modelServer(0, UNKNOWN, false), kserve, next, Findings.plain(3),
                Findings.http(4, Protocol.HTTPS, List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()), Findings.named(5, Protocol.SSH, ""), Findings.named(6, Protocol.OTHER, ""));

        assertThat(best).extracting(ProbeProposer::rank).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void noAnsweringPortMeansNoProbeAndSaysWhy() {
        Proposal p = propose(List.of(Findings.refused(8080)));

        assertThat(p.liveness()).isEmpty();
        assertThat(p.leftOut()).contains("no port answered: 127.0.0.1:8080 (connection refused)");
        assertThat(propose(List.of()).leftOut()).contains("it listens on no port: nothing to probe");
    }

    @ParameterizedTest
    @CsvSource({
        "PT12S, , 40s", // 36s rounded up to 10s
        "PT5S, , 30s", // 15s: the 30s floor
        "PT15M, , 30m", // 45m: the 30m ceiling
        ", PT3M, 9m", // a young process: started in at most its 3m
        ", PT2H, 2m", // too old to tell: the default
        ", , 2m", // nothing known: the default
    })
    void theStartupBudgetIsThreeTimesAnObservedStart(Duration measured, Duration age, String budget) throws Exception {
        Proposal p = ProbeProposer.propose(LABEL, List.of(Findings.modelServer(8080, UNKNOWN, true)),
                Optional.ofNullable(age), Optional.ofNullable(measured));

        assertThat(Durations.text(p.startupBudget().orElseThrow())).isEqualTo(budget);
        assertThat(p.budgetWhy()).singleElement().asString().contains(measured != null ? "(--measure-start)"
                : age != null && age.toMinutes() < 10 ? "it became ready in at most that" : "--measure-start measures");
        assertThat(loaded(p).startupBudget()).isEqualTo(p.startupBudget().orElseThrow());
    }

    @Test
    void anOldProcessSaysItIsTooOldToTellItsStart() {
        Proposal p = ProbeProposer.propose(LABEL, List.of(Findings.modelServer(8080, UNKNOWN, true)),
                Optional.of(Duration.ofHours(2)), UNKNOWN);

        assertThat(p.budgetWhy()).containsExactly("the process has run for 2h 0m, too long to tell its start time; "
                + "launchguard's default 2m; --measure-start measures a start");
    }

    @ParameterizedTest
    @CsvSource({
        "PT20S, 2m", // 60s: the default is larger
        "PT3M, 9m", // still loading after 3 minutes: three times that
    })
    void aServerStillLoadingGetsAtLeastThreeTimesItsAgeNeverLessThanTheDefault(Duration age, String budget) {
        PortFinding loading = Findings.http(8080, Protocol.HTTP, List.of(Findings.get("/v1/models", 200, 4, "models: x")),
                Optional.of(Findings.embeddings(UNKNOWN)), Optional.of(new KServe(200, 503, "ready 503")), Optional.empty(),
                Optional.empty());

        Proposal p = ProbeProposer.propose(LABEL, List.of(loading), Optional.of(age), UNKNOWN);

        assertThat(Durations.text(p.startupBudget().orElseThrow())).isEqualTo(budget);
        assertThat(p.budgetWhy()).singleElement().asString().contains("is not ready yet, so its start takes longer than that");
    }
}
