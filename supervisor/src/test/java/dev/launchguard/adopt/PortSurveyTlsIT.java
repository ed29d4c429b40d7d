package dev.launchguard.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The survey against a real HTTPS server whose self-signed certificate keytool makes for the test. */
class PortSurveyTlsIT {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static HttpsServer server;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
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
