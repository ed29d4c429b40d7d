package dev.launchguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProberIT {

    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private Prober prober;
    private LoopbackServers servers;

    @BeforeEach
    void start() {
        prober = Prober.start();
        servers = new LoopbackServers();
    }

    @AfterEach
    void stop() throws Exception {
        prober.close();
        servers.close();
    }

    private ProbeResult probe(ProbeSpec spec) throws Exception {
        return prober.probeFor(spec).attempt(TIMEOUT).get(10, TimeUnit.SECONDS);
    }

    private static ProbeSpec.Http http(int port, String path) {
        return ProbeSpec.Http.get("http://127.0.0.1:" + port + path);
    }

    @Test
    void usesTheNativeTransportOnLinux() {
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertThat(prober.transportName()).isEqualTo("epoll");
        }
    }

    @Test
    void expectedStatusIsUp() throws Exception {
        ProbeResult r = probe(http(servers.http(200, "ok"), "/v2/health/live"));
        assertThat(r.outcome()).isEqualTo(Outcome.UP);
        assertThat(r.status()).hasValue(200);
    }

    @Test
    void unexpectedStatusIsDownWithTheStatus() throws Exception {
        ProbeResult r = probe(http(servers.http(503, "loading"), "/ready"));
        assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
        assertThat(r.status()).hasValue(503);
        assertThat(r.detail()).isEqualTo("status 503, expected 200");
    }

    @Test
    void bodyMatchDecidesWhenAsked() throws Exception {
        int port = servers.http(200, "{\"ready\":true}");
        ProbeSpec.Http matching = new ProbeSpec.Http(http(port, "/").url(), 200, Optional.of("\"ready\":true"), true);
        ProbeSpec.Http notMatching = new ProbeSpec.Http(http(port, "/").url(), 200, Optional.of("\"ready\":false"), true);
        assertThat(probe(matching).outcome()).isEqualTo(Outcome.UP);
        ProbeResult down = probe(notMatching);
        assertThat(down.outcome()).isEqualTo(Outcome.DOWN);
        assertThat(down.detail()).isEqualTo("body does not contain '\"ready\":false' in its first 14 bytes");
    }

    @Test
    void postProbeSendsItsBody() throws Exception {
        int port = servers.postOnly("{\"input\":\"ping\"}");
        java.net.URI url = http(port, "/v1/embeddings").url();
        ProbeSpec.Http post = new ProbeSpec.Http(url, "POST", Optional.of("{\"input\":\"ping\"}"), "application/json",
                200, Optional.empty(), true);
        assertThat(probe(post).outcome()).isEqualTo(Outcome.UP);
        ProbeResult get = probe(http(port, "/v1/embeddings"));
        assertThat(get.outcome()).isEqualTo(Outcome.DOWN);
        assertThat(get.detail()).isEqualTo("status 400, expected 200");
    }

    @Test
    void sendsTheHeadersOfItsHeadersFile() throws Exception {
        int port = servers.requiresAuthorization("Bearer model-key-123");
        java.net.URI url = http(port, "/v2/health/ready").url();
        ProbeHeaders headers = ProbeHeaders.parse("/etc/probe.headers", "Authorization: Bearer model-key-123\n");

        ProbeSpec.Http withKey = new ProbeSpec.Http(url, "GET", Optional.empty(), "application/json", 200,
                Optional.empty(), true, headers);

        assertThat(probe(withKey).outcome()).isEqualTo(Outcome.UP);
        assertThat(probe(http(port, "/v2/health/ready")).detail()).isEqualTo("status 401, expected 200");
        assertThat(withKey.toString()).doesNotContain("model-key-123").contains("/etc/probe.headers [Authorization]");
    }

    @Test
    void closedPortIsRefused() throws Exception {
        ProbeResult r = probe(http(servers.closedPort(), "/"));
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(probe(new ProbeSpec.Tcp("127.0.0.1", servers.closedPort())).outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void listenerThatNeverAnswersTimesOutAtTheDeadline() throws Exception {
        ProbeResult r = probe(http(servers.blackHole(), "/"));
        assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(r.duration()).isGreaterThanOrEqualTo(TIMEOUT);
    }

    @Test
    void tcpProbeIsBlindToAListenerThatNeverAnswers() throws Exception {
        // The kernel completes the handshake: exactly why liveness must be HTTP.
        assertThat(probe(new ProbeSpec.Tcp("127.0.0.1", servers.blackHole())).outcome()).isEqualTo(Outcome.UP);
    }

    @Test
    void drippingServerCostsNoMoreThanTheDeadline() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n";
        int port = servers.raw(head, 100_000, 1, 100);
        ProbeSpec.Http spec = new ProbeSpec.Http(http(port, "/").url(), 200, Optional.of("never"), true);
        ProbeResult r = probe(spec);
        assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(r.status()).hasValue(200);
    }

    @Test
    void hugeBodyIsReadOnlyUpToTheBound() throws Exception {
        long oneGigabyte = 1L << 30;
        String head = "HTTP/1.1 200 OK\r\nContent-Length: " + oneGigabyte + "\r\n\r\n";
        int port = servers.raw(head, oneGigabyte, 16 * 1024, 0);
        ProbeSpec.Http spec = new ProbeSpec.Http(http(port, "/").url(), 200, Optional.of("needle"), true);
        ProbeResult r = probe(spec);
        assertThat(r.outcome()).isEqualTo(Outcome.DOWN);
        assertThat(r.detail()).isEqualTo("body does not contain 'needle' in its first 65536 bytes");
    }

    @Test
    void malformedResponseIsAnError() throws Exception {
        int port = servers.raw("NOT-HTTP garbage\r\n\r\n", 0, 1, 0);
        ProbeResult r = probe(http(port, "/"));
        assertThat(r.outcome()).isIn(Outcome.ERROR, Outcome.DOWN);
        assertThat(r.outcome()).isNotEqualTo(Outcome.UP);
    }

    @Test
    void slowTargetsNeverDelayFastOnes() throws Exception {
        Duration slowTimeout = Duration.ofSeconds(5);
        List<CompletableFuture<ProbeResult>> slow = new ArrayList<>();
        List<CompletableFuture<ProbeResult>> fast = new ArrayList<>();
        int blackHole = servers.blackHole();
        int healthy = servers.http(200, "ok");
        for (int i = 0; i < 50; i++) {
            slow.add(prober.probeFor(http(blackHole, "/")).attempt(slowTimeout));
            fast.add(prober.probeFor(http(healthy, "/")).attempt(slowTimeout));
        }
        CompletableFuture.allOf(fast.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(fast).allSatisfy(f -> assertThat(f.join().outcome()).isEqualTo(Outcome.UP));
        // Every fast probe finished while every slow one was still waiting for its own deadline.
        assertThat(slow).noneMatch(CompletableFuture::isDone);
        CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(slow).allSatisfy(f -> assertThat(f.join().outcome()).isEqualTo(Outcome.TIMEOUT));
    }
}
