package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.launchguard.config.ApiConfig;
import dev.launchguard.health.HealthState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's limits and TLS on real loopback sockets: the connection cap sheds with 503 and serves
 * again once a slot frees, a request that never finishes is answered 408, and a TLS listener serves
 * HTTPS with a keytool-made certificate and refuses a key others can read.
 */
class ApiLimitsIT {

    @TempDir
    Path state;

    private final InMemoryFleet fleet = new InMemoryFleet()
            .add(InMemoryFleet.job("com.example.web", HealthState.READY, OptionalLong.of(12)));
    private ApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ApiServer start(ApiConfig api) {
        server = ApiServer.start(new ApiSettings("127.0.0.1", 0, state, state.resolve("token"), api, 1), fleet,
                Clock.systemUTC());
        return server;
    }

    @Test
    void shedsBeyondTheCapWith503AndServesAgainWhenAConnectionCloses() throws Exception {
        start(new ApiConfig(List.of(), Duration.ofSeconds(30), OptionalInt.of(4), Optional.empty()));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(new Socket("127.0.0.1", server.port()));
            }
            // The four slots are taken once the server has set each connection up: the fifth is shed.
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/healthz").startsWith("HTTP/1.1 503"));
            String shed = get("/healthz");
            assertThat(shed).contains("Retry-After: 1\r\n").contains("connection: close\r\n")
                    .endsWith("{\"error\":\"launchguard is serving its limit of 4 API connections; try again in 1 s\"}");

            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/healthz").startsWith("HTTP/1.1 200"));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aRequestThatNeverFinishesIsAnswered408AtItsDeadline() throws Exception {
        start(new ApiConfig(List.of(), Duration.ofSeconds(1), OptionalInt.empty(), Optional.empty()));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(20));
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a".getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n")
                    .endsWith("{\"error\":\"the request did not arrive whole within 1.0 s; send its head and body at once\"}");
        }
    }

    @Test
    void servesHttpsWithTheConfiguredCertificateAndNamesItInTheRuntimeFile() throws Exception {
        Path[] pem = certificate(state);
        start(new ApiConfig(List.of(), Duration.ofSeconds(10), OptionalInt.empty(),
                Optional.of(new ApiConfig.Tls(pem[0], pem[1]))));

        assertThat(server.url().toString()).startsWith("https://127.0.0.1:");
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(pem[0])).connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/jobs"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("com.example.web");
        assertThat(RuntimeFile.find(state).certificate()).contains(pem[0].toAbsolutePath());
        // The CLI finds the address and the certificate to trust in the runtime file.
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = dev.launchguard.cli.Main.commandLine();
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute("status", "--json", "--state-dir", state.toString())).as("status: %s", err).isZero();
        assertThat(out.toString()).contains("\"label\":\"com.example.web\"");
        // Plain HTTP to the TLS port gets no HTTP answer.
        assertThat(get("/healthz")).doesNotStartWith("HTTP/1.1 200");
    }

    @Test
    void refusesATlsKeyOthersCanRead() throws Exception {
        Path[] pem = certificate(state);
        Files.setPosixFilePermissions(pem[1], PosixFilePermissions.fromString("rw-r--r--"));
        ApiConfig api = new ApiConfig(List.of(), Duration.ofSeconds(10), OptionalInt.empty(),
                Optional.of(new ApiConfig.Tls(pem[0], pem[1])));

        assertThatThrownBy(() -> start(api)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("HTTP API TLS key '" + pem[1] + "' can be read or written by others (mode 0644); chmod 600 it");
    }

    /** A raw GET over plain TCP: whatever the server answers before it closes, or what came before a reset. */
    private String get(String path) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return readAll(socket.getInputStream());
        } catch (IOException e) {
            return "";
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // A reset after the answer: keep what arrived.
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** A self-signed EC certificate for localhost and 127.0.0.1, made by keytool, as PEM files: certificate, key (0600). */
    static Path[] certificate(Path dir) throws Exception {
        Path store = dir.resolve("api.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-keystore", store.toString(), "-storepass", "changeit",
                "-alias", "api", "-dname", "CN=localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-ext", "san=dns:localhost,ip:127.0.0.1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool: %s", out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Path cert = dir.resolve("api.crt");
        Path key = dir.resolve("api.key");
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("api").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", ks.getKey("api", "changeit".toCharArray()).getEncoded()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new Path[] {cert, key};
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("api", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
