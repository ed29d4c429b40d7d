package dev.launchguard.model.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.model.api.Router;
import dev.launchguard.model.inference.FakeEncoder;
import dev.launchguard.model.inference.InferenceService;
import dev.launchguard.model.inference.ModelStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelHttpHandlerTest {

    private final ModelStatus status = new ModelStatus(0);
    private final InferenceService inference = FakeEncoder.readyService(status, () -> { });
    private final Router router = new Router(status, inference, null, false);
    private final InFlight inFlight = new InFlight();
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(),
            new BodyLimitAggregator(ModelServerInitializer.MAX_BODY_BYTES, router), new ModelHttpHandler(router, inFlight));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        inference.close();
    }

    @Test
    void answersLiveWithJsonAndKeepsTheConnection() {
        String response = exchange("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 OK").contains("content-type: application/json")
                .endsWith("{\"live\":true}").doesNotContain("connection: close");
        assertThat(channel.isOpen()).isTrue();
        assertThat(inFlight.count()).isZero();
    }

    @Test
    void refusesAnOversizedBodyWithAJson413AndCloses() {
        String response = exchange("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 413 Request Entity Too Large").endsWith(
                "{\"error\":{\"message\":\"request body is larger than 1048576 bytes\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":null}}");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void refusesAnUndecodableRequestWithAJson400() {
        String response = exchange("GET /v2/health/live HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 Bad Request")
                .endsWith("{\"error\":\"request could not be decoded as HTTP\"}");
    }

    @Test
    void refusesWith503AndClosesOnceDraining() throws InterruptedException {
        inFlight.drain(java.time.Duration.ZERO);

        String response = exchange("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 503").contains("connection: close")
                .endsWith("{\"error\":\"server is shutting down\"}");
    }

    private String exchange(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }
}
