package dev.launchguard.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.launchguard.testing.SelfSignedTls;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The survey against a real HTTPS server whose self-signed certificate keytool makes for the test. */
class PortSurveyTlsIT {

    @TempDir
    static Path dir;

    private static HttpsServer server;

    @BeforeAll
    static void start() throws Exception {
        SSLContext ssl = SelfSignedTls.serverContext(dir);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            int status = exchange.getRequestURI().getPath().equals("/") ? 200 : 404;
            exchange.sendResponseHeaders(status, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void fallsBackToTlsAndNotesTheUntrustedCertificate() {
        PortFinding f = new PortSurvey(new PortSurvey.Settings(Duration.ofSeconds(3), 8, false))
                .survey(InetAddress.getLoopbackAddress(), server.getAddress().getPort());

        assertThat(f.protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(f.root().orElseThrow().status()).hasValue(200);
        assertThat(f.root().orElseThrow().note()).startsWith("over TLS, certificate not trusted");
        Tls tls = f.tls().orElseThrow();
        assertThat(tls.trusted()).isFalse();
        assertThat(tls.problem()).isPresent();
        assertThat(f.url("/")).startsWith("https://127.0.0.1:");

        Proposal p = ProbeProposer.propose("com.example.secure", List.of(f), Optional.empty(), Optional.empty());
        ProposedProbe live = p.liveness().orElseThrow();
        assertThat(live.target()).isEqualTo(f.url("/"));
        assertThat(live.tlsVerify()).contains(false);
        assertThat(p.warnings()).singleElement().asString().startsWith("tlsVerify is off for https://127.0.0.1:");
    }
}
