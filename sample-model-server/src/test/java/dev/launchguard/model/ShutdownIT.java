package dev.launchguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGTERM: stop accepting, finish in-flight requests within the drain bound, exit 0. */
class ShutdownIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EMBED = "{\"model\":\"all-minilm-l6-v2\",\"input\":\"drain me\"}";

    private ServerProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void sigtermLetsTheInFlightRequestFinishThenExitsZero() throws Exception {
        server = ServerProcess.start("drain", List.of(), "--chaos", "--drain-timeout", "30s").awaitReady();
        server.fault("{\"mode\":\"slow\",\"latency\":\"3s\"}");
        CompletableFuture<HttpResponse<String>> inFlight = server.postAsync("/v1/embeddings", EMBED);
        await().atMost(Duration.ofSeconds(30)).until(() -> admitted() >= 1);

        server.process.destroy(); // SIGTERM

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> new Socket("127.0.0.1", server.port).close()).isInstanceOf(ConnectException.class));
        HttpResponse<String> answered = inFlight.get();
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(answered.body()).get("data").get(0).get("embedding")).hasSize(384);
        assertThat(server.awaitExit(Duration.ofSeconds(60))).isZero();
        assertThat(server.output()).contains("drained took_ms=");
    }

    @Test
    void drainBoundEndsARequestThatWouldNeverFinishAndStillExitsZero() throws Exception {
        server = ServerProcess.start("drain-bound", List.of(), "--chaos", "--drain-timeout", "1s").awaitReady();
        server.fault("{\"mode\":\"deadlock\"}");
        CompletableFuture<HttpResponse<String>> hung = server.postAsync("/v1/embeddings", EMBED);
        await().atMost(Duration.ofSeconds(30)).until(() -> server.output().contains("fault injected mode=deadlock"));

        server.process.destroy(); // SIGTERM

        assertThat(server.awaitExit(Duration.ofSeconds(60))).isZero();
        assertThatThrownBy(hung::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThat(server.output()).contains("drain bound passed");
    }

    @Test
    void sigtermWhileLoadingExitsZeroWithoutWaitingForTheWarmup() throws Exception {
        server = ServerProcess.start("drain-loading", List.of(), "--warmup", "10000");
        await().atMost(ServerProcess.START_BOUND).ignoreExceptions()
                .until(() -> server.get("/v2/health/ready").body().contains("\"phase\":\"warming\""));

        server.process.destroy(); // SIGTERM

        assertThat(server.awaitExit(Duration.ofSeconds(60))).isZero();
    }

    private long admitted() throws IOException, InterruptedException {
        return MAPPER.readTree(server.get("/v2/models/all-minilm-l6-v2/stats").body()).get("admitted").asLong();
    }
}
