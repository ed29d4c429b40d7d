package dev.launchguard.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uptime watcher against real local HTTPS servers serving certificates the test generates with keytool. */
class UptimeWatcherIT {

    private static final Duration WARNING = Duration.ofDays(14);

    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static final List<HttpsServer> SERVERS = new ArrayList<>();
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);
    private static UptimeWatcher watcher;

    @BeforeAll
    static void certificates() throws Exception {
        certs = new TestCertificates(dir);
        watcher = new UptimeWatcher(ChainRecorder.trust(certs.trustStore()), WARNING, EXECUTOR, Clock.systemUTC(),
                System::nanoTime);
    }

    @AfterAll
    static void stop() {
        SERVERS.forEach(s -> s.stop(0));
        EXECUTOR.shutdownNow();
    }

    /** An HTTPS server on a free loopback port: "/" answers "ok", "/missing" 404, "/hop/N" redirects N times to "/". */
    private static URI serve(Path store) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(TestCertificates.load(store), TestCertificates.PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", UptimeWatcherIT::answer);
        server.start();
        SERVERS.add(server);
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/hop/")) {
            int left = Integer.parseInt(path.substring(5));
            exchange.getResponseHeaders().add("Location", left == 0 ? "/" : "/hop/" + (left - 1));
            exchange.sendResponseHeaders(302, -1);
        } else {
            byte[] body = (path.equals("/") ? "ok" : "not here").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(path.equals("/") ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static UptimeResult ask(URI url, Optional<String> body, int maxRedirects) {
        return watcher.run(List.of(new UptimeTarget("t", url, 200, body, Duration.ofSeconds(10), maxRedirects))).get(0);
    }

    private static Instant notAfter(Path store, int index) throws Exception {
        return ((X509Certificate) TestCertificates.chain(store).get(index)).getNotAfter().toInstant();
    }

    @Test
    void aValidCertificateWithTheExpectedBodyIsHealthyAndReportsItsExpiry() throws Exception {
        Path store = certs.leaf("valid", 0, 365);
        UptimeResult result = ask(serve(store), Optional.of("ok"), 0);
        assertThat(result.problems()).isEmpty();
        assertThat(result.up()).isTrue();
        assertThat(result.status()).hasValue(200);
        assertThat(result.earliestExpiry()).contains(notAfter(store, 0));
    }

    @Test
    void asksMoreTargetsThanThreadsInOneRun() throws Exception {
        URI url = serve(certs.leaf("many", 0, 365));
        List<UptimeTarget> targets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            targets.add(new UptimeTarget("t" + i, url.resolve("/hop/" + (i % 3)), 200, Optional.of("ok"),
                    Duration.ofSeconds(10), 5));
        }
        assertThat(watcher.run(targets)).extracting(UptimeResult::healthy).containsOnly(true).hasSize(10);
    }

    @Test
    void aBodyMismatchA404AndTooManyRedirectsAreDown() throws Exception {
        URI url = serve(certs.leaf("routes", 0, 365));
        assertThat(ask(url, Optional.of("welcome"), 0).problems()).containsExactly(url + " answered without 'welcome' in its body");
        assertThat(ask(url.resolve("/missing"), Optional.empty(), 0).problems())
                .containsExactly(url.resolve("/missing") + " answered 404, expected 200");
        assertThat(ask(url.resolve("/hop/2"), Optional.of("ok"), 3).up()).isTrue();
        UptimeResult looping = ask(url.resolve("/hop/2"), Optional.empty(), 2);
        assertThat(looping.up()).isFalse();
        assertThat(looping.problems()).containsExactly("more than 2 redirect(s); the last went to /");
    }

    @Test
    void aCertificateExpiringInThreeDaysIsUpButRaisesAProblem() throws Exception {
        Path store = certs.leaf("soon", 0, 3);
        UptimeResult result = ask(serve(store), Optional.empty(), 0);
        assertThat(result.up()).isTrue();
        assertThat(result.problems()).containsExactly("certificate 'CN=localhost' expires at " + notAfter(store, 0)
                + ", within 14 days");
    }

    @Test
    void anExpiredCertificateIsDownAndNamed() throws Exception {
        Path store = certs.leaf("expired", -10, 5);
        UptimeResult result = ask(serve(store), Optional.empty(), 0);
        assertThat(result.up()).isFalse();
        assertThat(result.problems()).hasSize(2);
        assertThat(result.problems().get(0)).startsWith("unreachable: https://localhost:").contains("TLS handshake failed");
        assertThat(result.problems().get(1)).isEqualTo("certificate 'CN=localhost' expired at " + notAfter(store, 0));
    }

    @Test
    void aSelfSignedCertificateIsDown() throws Exception {
        UptimeResult result = ask(serve(certs.selfSigned("self")), Optional.empty(), 0);
        assertThat(result.up()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("TLS handshake failed");
        assertThat(result.earliestExpiry()).isPresent();
    }

    @Test
    void anIntermediateExpiringFirstIsFoundAnywhereInTheChain() throws Exception {
        Path store = certs.viaIntermediate("chain", 5);
        UptimeResult result = ask(serve(store), Optional.empty(), 0);
        assertThat(result.up()).isTrue();
        assertThat(result.problems()).containsExactly("certificate 'CN=Test Intermediate' expires at "
                + notAfter(store, 1) + ", within 14 days");
        assertThat(result.earliestExpiry()).contains(notAfter(store, 1));
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        UptimeResult result = ask(URI.create("https://localhost:" + port + "/"), Optional.empty(), 0);
        assertThat(result.up()).isFalse();
        assertThat(result.status()).isEmpty();
        assertThat(result.problems()).containsExactly("unreachable: https://localhost:" + port + "/: connection refused");
    }
}
