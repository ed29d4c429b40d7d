package dev.launchguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each fault mode, injected into a real server process and observed only from outside it. */
class FaultModesIT {

    private static final String INFER = "/v2/models/all-minilm-l6-v2/infer";
    private static final String INFER_BODY =
            "{\"inputs\":[{\"name\":\"text\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"hello\"]}]}";
    /** A probe deadline: a healthy server answers live in milliseconds. */
    private static final Duration PROBE = Duration.ofSeconds(2);
    private static final Duration EXIT_BOUND = Duration.ofSeconds(60);
    /** 128 + SIGKILL(9): what Process reports for a process killed by SIGKILL. */
    private static final int KILLED = 137;

    private ServerProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private ServerProcess chaosServer(String name, String... jvmOptions) {
        server = ServerProcess.start(name, List.of(jvmOptions), "--chaos").awaitReady();
        return server;
    }

    @Test
    void wedgeHangsLiveAndReadyWhileTheStillPortAcceptsTcp() throws Exception {
        chaosServer("wedge");

        assertThat(server.fault("{\"mode\":\"wedge\"}").statusCode()).isEqualTo(202);

        assertThatThrownBy(() -> server.get("/v2/health/live", PROBE)).isInstanceOf(HttpTimeoutException.class);
        assertThatThrownBy(() -> server.get("/v2/health/ready", PROBE)).isInstanceOf(HttpTimeoutException.class);
        try (Socket tcp = new Socket("127.0.0.1", server.port)) {
            assertThat(tcp.isConnected()).isTrue();
        }
        assertThat(server.process.isAlive()).isTrue();
    }

    @Test
    void deadlockHangsInferWhileLiveAnswersAndJcmdSeesTheDeadlock() throws Exception {
        chaosServer("deadlock");

        assertThat(server.fault("{\"mode\":\"deadlock\"}").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> threadDump().contains("Found one Java-level deadlock"));
        assertThatThrownBy(() -> server.post(INFER, INFER_BODY, PROBE)).isInstanceOf(HttpTimeoutException.class);
        assertThat(server.get("/v2/health/live", PROBE).statusCode()).isEqualTo(200);
        assertThat(server.process.isAlive()).isTrue();
    }

    @Test
    void slowAddsTheLatencyToEveryInferenceUntilSetToZero() throws Exception {
        chaosServer("slow");

        assertThat(server.fault("{\"mode\":\"slow\",\"latency\":\"1500ms\"}").statusCode()).isEqualTo(202);
        long start = System.nanoTime();
        HttpResponse<String> slowed = server.post(INFER, INFER_BODY);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(slowed.statusCode()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(server.get("/v2/health/live", PROBE).statusCode()).isEqualTo(200);
        assertThat(server.fault("{\"mode\":\"slow\",\"latency\":\"0ms\"}").statusCode()).isEqualTo(202);
        assertThat(server.post(INFER, INFER_BODY).statusCode()).isEqualTo(200);
    }

    @Test
    void exitEndsTheProcessWithTheGivenStatus() throws Exception {
        chaosServer("exit");

        assertThat(server.fault("{\"mode\":\"exit\",\"code\":3}").statusCode()).isEqualTo(202);

        assertThat(server.awaitExit(EXIT_BOUND)).isEqualTo(3);
    }

    @Test
    void crashDiesBySigkillAfterAcknowledging() throws Exception {
        chaosServer("crash");

        HttpResponse<String> ack = server.fault("{\"mode\":\"crash\"}");

        assertThat(ack.body()).isEqualTo("{\"mode\":\"crash\",\"accepted\":true}");
        assertThat(server.awaitExit(EXIT_BOUND)).isEqualTo(KILLED);
    }

    @Test
    void leakGrowsTheHeapUntilTheJvmDiesOfOutOfMemory() throws Exception {
        chaosServer("leak", "-Xmx160m", "-XX:+ExitOnOutOfMemoryError");

        assertThat(server.fault("{\"mode\":\"leak\"}").statusCode()).isEqualTo(202);

        assertThat(server.awaitExit(EXIT_BOUND)).isEqualTo(3);
        assertThat(server.output()).contains("java.lang.OutOfMemoryError");
    }

    @Test
    void poisonKillsTheProcessOnTheNextInferenceWhichGetsNoAnswer() throws Exception {
        chaosServer("poison");
        assertThat(server.fault("{\"mode\":\"poison\"}").statusCode()).isEqualTo(202);
        assertThat(server.get("/v2/health/live").statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> server.post(INFER, INFER_BODY)).isInstanceOf(IOException.class);

        assertThat(server.awaitExit(EXIT_BOUND)).isEqualTo(KILLED);
    }

    @Test
    void faultsAreRefusedWithoutChaos() throws Exception {
        server = ServerProcess.start("calm", List.of()).awaitReady();

        HttpResponse<String> refused = server.fault("{\"mode\":\"crash\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("{\"error\":\"fault injection is off: start the server with --chaos\"}");
        assertThat(server.process.isAlive()).isTrue();
    }

    private String threadDump() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.process.pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return dump;
    }
}
