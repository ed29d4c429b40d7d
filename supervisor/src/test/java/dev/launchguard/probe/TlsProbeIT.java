package dev.launchguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.launchguard.testing.SelfSignedTls;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS probes against a real TLS server whose self-signed certificate keytool makes for the test. */
class TlsProbeIT {

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static Prober prober;

    @BeforeAll
    static void start() throws Exception {
        SSLContext ssl = SelfSignedTls.serverContext(dir);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        server.start();
        prober = Prober.start();
    }

    @AfterAll
    static void stop() {
        prober.close();
        server.stop(0);
    }

    private static ProbeResult probe(boolean verify) throws Exception {
        ProbeSpec.Http spec = new ProbeSpec.Http(
                java.net.URI.create("https://localhost:" + server.getAddress().getPort() + "/healthz"), 200,
                Optional.empty(), verify);
        return prober.probeFor(spec).attempt(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void untrustedCertificateFailsWhenVerifying() throws Exception {
        ProbeResult r = probe(true);
        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.detail()).startsWith("tls: ");
    }

    @Test
    void capturesCertificateDetailsWhenNotVerifying() throws Exception {
        ProbeResult r = probe(false);
        assertThat(r.outcome()).isEqualTo(Outcome.UP);
        TlsDetails tls = r.tls().orElseThrow();
        assertThat(tls.subject()).isEqualTo("CN=localhost");
        assertThat(tls.issuer()).isEqualTo("CN=localhost");
        Instant in30Days = Instant.now().plus(30, ChronoUnit.DAYS);
        assertThat(tls.leafNotAfter()).isBetween(in30Days.minus(1, ChronoUnit.DAYS), in30Days.plus(1, ChronoUnit.DAYS));
        assertThat(tls.earliestNotAfter()).isEqualTo(tls.leafNotAfter());
        assertThat(tls.protocol()).startsWith("TLSv1.");
    }
}
