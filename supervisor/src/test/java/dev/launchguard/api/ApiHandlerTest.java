package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API pipeline (codec, aggregator, handler) on an EmbeddedChannel: raw bytes in, raw bytes out. */
class ApiHandlerTest {

    private final InMemoryFleet fleet = new InMemoryFleet()
            .add(InMemoryFleet.job("com.example.web", HealthState.READY, OptionalLong.of(12)));
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final EmbeddedChannel channel = new EmbeddedChannel();

    ApiHandlerTest() {
        ApiInitializer.configure(channel.pipeline(), new ApiRouter(fleet, ApiRouterTest.TOKEN), DEADLINE);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void send(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
    }

    private String output() {
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    @Test
    void answersAGetWithStatusHeadersAndBody() {
        send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");

        String response = output();
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("content-type: text/plain; charset=utf-8\r\n")
                .contains("content-length: 3\r\n")
                .contains("cache-control: no-store\r\n")
                .endsWith("\r\n\r\nok\n");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void passesTheAuthorizationHeaderToTheRouter() {
        send("POST /api/v1/jobs/com.example.web/kickstart HTTP/1.1\r\nHost: 127.0.0.1:9470\r\nContent-Length: 0\r\n\r\n");
        assertThat(output()).startsWith("HTTP/1.1 401 Unauthorized\r\n").contains("WWW-Authenticate: Bearer\r\n");

        send("POST /api/v1/jobs/com.example.web/kickstart HTTP/1.1\r\nHost: 127.0.0.1:9470\r\nAuthorization: Bearer "
                + ApiRouterTest.TOKEN + "\r\nContent-Length: 0\r\n\r\n");
        assertThat(output()).startsWith("HTTP/1.1 202 Accepted\r\n").contains("\"state\":\"RECOVERING\"");
        assertThat(fleet.kickstarted()).containsExactly("com.example.web");
    }

    @Test
    void answersGarbageWith400AndCloses() {
        send("\u0001\u0002 this is not http \u0003\r\n\r\n");

        String response = output();
        assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("connection: close\r\n")
                .endsWith("{\"error\":\"malformed HTTP request\"}");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void answersAnOversizedBodyWith413AndCloses() {
        send("POST /api/v1/jobs/com.example.web/kickstart HTTP/1.1\r\nHost: 127.0.0.1:9470\r\nContent-Length: 100000\r\n\r\n");

        assertThat(output()).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n")
                .endsWith("{\"error\":\"the request body is larger than 8192 bytes\"}");
        assertThat(channel.isOpen()).isFalse();
        assertThat(fleet.kickstarted()).isEmpty();
    }

    @Test
    void answersAnOversizedExpectContinueWithJson413() {
        send("POST /api/v1/jobs/com.example.web/kickstart HTTP/1.1\r\nHost: 127.0.0.1:9470\r\nExpect: 100-continue\r\n"
                + "Content-Length: 100000\r\n\r\n");

        assertThat(output()).startsWith("HTTP/1.1 413 Request Entity Too Large\r\n")
                .endsWith("{\"error\":\"the request body is larger than 8192 bytes\"}");
    }

    @Test
    void answersATooLongRequestLineWith414() {
        send("GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: 127.0.0.1:9470\r\n\r\n");

        assertThat(output()).startsWith("HTTP/1.1 414 Request-URI Too Long\r\n")
                .endsWith("{\"error\":\"the request line is too long\"}");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesAfterAnHttp10RequestWithoutKeepAlive() {
        send("GET /healthz HTTP/1.0\r\n\r\n");

        assertThat(output()).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void answersPipelinedRequestsInOrderWhenAKickstartIsSlow() {
        CompletableFuture<JobView> issued = new CompletableFuture<>();
        fleet.onKickstart(label -> issued);

        send("POST /api/v1/jobs/com.example.web/kickstart HTTP/1.1\r\nHost: 127.0.0.1:9470\r\nAuthorization: Bearer "
                + ApiRouterTest.TOKEN + "\r\nContent-Length: 0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: 127.0.0.1:9470\r\n\r\n");
        assertThat(output()).isEmpty();

        issued.complete(InMemoryFleet.job("com.example.web", HealthState.RECOVERING, OptionalLong.of(13)));
        channel.runPendingTasks();

        String both = output();
        assertThat(both).startsWith("HTTP/1.1 202 Accepted\r\n");
        assertThat(both.indexOf("HTTP/1.1 200 OK")).isGreaterThan(both.indexOf("\"pid\":13"));
    }

    @Test
    void closesTheConnectionOnAnException() {
        channel.pipeline().fireExceptionCaught(new java.io.IOException("Connection reset by peer"));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void answersARequestForAnotherHostWith421() {
        send("GET /api/v1/jobs HTTP/1.1\r\nHost: rebound.example.com:9470\r\n\r\n");

        assertThat(output()).startsWith("HTTP/1.1 421 Misdirected Request\r\n")
                .contains("not to 'rebound.example.com:9470'");
    }

    @Test
    void answers408AndClosesWhenTheHeadTricklesPastTheDeadline() {
        // A header byte every 2 s: an idle timer would restart with each one, the deadline does not.
        send("GET /healthz HTTP/1.1\r\nHost: 1");
        for (int i = 0; i < 4; i++) {
            channel.advanceTimeBy(2, TimeUnit.SECONDS);
            send("2");
            assertThat(output()).isEmpty();
        }
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();

        assertThat(output()).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("connection: close\r\n")
                .contains("did not arrive whole within 10.0 s");
        channel.advanceTimeBy(LingeringClose.LINGER_MILLIS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theDeadlineStartsAgainAfterEachAnswerOnAKeptAliveConnection() {
        channel.advanceTimeBy(9, TimeUnit.SECONDS);
        send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(output()).startsWith("HTTP/1.1 200 OK\r\n");

        channel.advanceTimeBy(9, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(output()).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(channel.isOpen()).isTrue();
    }
}
