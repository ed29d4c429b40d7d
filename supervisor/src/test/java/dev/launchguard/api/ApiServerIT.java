package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.health.HealthState;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API on a real loopback socket: bound on port 0, spoken to by HttpClient and by raw sockets. */
class ApiServerIT {

    @TempDir
    Path state;

    private final InMemoryFleet fleet = new InMemoryFleet()
            .add(InMemoryFleet.recovered(ApiRouterTest.MODEL, 4242))
            .add(InMemoryFleet.job("com.example.web", HealthState.STARTING, OptionalLong.empty()));
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private ApiServer server;
    private String token;

    @BeforeEach
    void start() {
        server = ApiServer.start(new ApiSettings("127.0.0.1", 0, state, state.resolve("token")), fleet,
                Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));
        token = TokenFile.read(state.resolve("token"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path));
    }

    private String raw(byte[] request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer); // the server closes after an error, so this ends
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void publishesTheRuntimeFileWhileListeningAndRemovesItOnClose() throws Exception {
        assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
        RuntimeFile.Endpoint found = RuntimeFile.find(state);
        assertThat(found.url()).isEqualTo(server.url());
        assertThat(found.tokenFile()).isEqualTo(state.resolve("token").toAbsolutePath());
        assertThat(RuntimeFile.read(state.resolve("runtime.json")).orElseThrow().startedAt())
                .isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));

        server.close();

        assertThat(state.resolve("runtime.json")).doesNotExist();
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(java.net.ConnectException.class);
        server.close(); // a second close does nothing
    }

    @Test
    void servesMetricsAndJobs() throws Exception {
        HttpResponse<String> metrics = send(at("/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).isEqualTo(fleet.scrape());

        HttpResponse<String> jobs = send(at("/api/v1/jobs"));
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.body()).isEqualTo("{\"jobs\":[" + ApiRouterTest.MODEL_JSON + "," + ApiRouterTest.WEB_JSON + "]}");

        HttpResponse<String> page = send(at("/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<a href=\"/jobs/com.example.model\">com.example.model</a>");
    }

    @Test
    void kickstartNeedsTheTokenFromTheFile() throws Exception {
        String path = "/api/v1/jobs/com.example.model/kickstart";

        HttpResponse<String> none = send(at(path).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("www-authenticate")).contains("Bearer");

        HttpResponse<String> wrong = send(at(path).header("Authorization", "Bearer " + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(fleet.kickstarted()).isEmpty();

        HttpResponse<String> right = send(at(path).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(right.statusCode()).isEqualTo(202);
        assertThat(right.body()).startsWith("{\"label\":\"com.example.model\",\"state\":\"RECOVERING\",");
        assertThat(fleet.kickstarted()).containsExactly("com.example.model");
    }

    @Test
    void answersGarbageOnTheWireWith400() throws Exception {
        String answer = raw("\u0016\u0003\u0001 not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").endsWith("{\"error\":\"malformed HTTP request\"}");
    }

    @Test
    void answersATooLargeBodyWith413() throws Exception {
        byte[] head = ("POST /api/v1/jobs/com.example.model/kickstart HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 65536\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        String answer = raw(head);

        assertThat(answer).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n")
                .endsWith("{\"error\":\"the request body is larger than 8192 bytes\"}");
        assertThat(fleet.kickstarted()).isEmpty();
    }

    /** The 413 leaves while the body is still arriving; it must never be lost to a connection reset. */
    @Test
    void answersA413EveryTimeWhileTheClientIsStillSending() throws Exception {
        String body = "x".repeat(1 << 20);
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> tooBig = send(at("/api/v1/jobs/com.example.model/kickstart")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)));

            assertThat(tooBig.statusCode()).as("attempt %d", attempt).isEqualTo(413);
        }
        assertThat(fleet.kickstarted()).isEmpty();
    }

    @Test
    void keepsAConnectionAliveAcrossRequests() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send(at("/healthz")).body()).isEqualTo("ok\n");
        }
        fleet.healthy(false);
        assertThat(send(at("/healthz")).statusCode()).isEqualTo(503);
    }

    @Test
    void refusesToStartOnAPortInUseNamingTheAddress() {
        ApiSettings taken = new ApiSettings("127.0.0.1", server.port(), state.resolve("second"), state.resolve("token"));

        assertThatThrownBy(() -> ApiServer.start(taken, fleet, Clock.systemUTC()))
                .hasMessage("HTTP API could not listen on 127.0.0.1:" + server.port() + ": Address already in use");
        assertThat(Files.exists(state.resolve("second/runtime.json"))).isFalse();
    }
}
