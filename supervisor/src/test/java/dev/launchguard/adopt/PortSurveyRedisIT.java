package dev.launchguard.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survey against a real Redis (Debian's {@code redis-server}; skipped, saying so, where it is not
 * installed) on a port that is not Redis's own, so it cannot be named from the port: it must be named
 * from its answer to the request line alone, and Redis's log must not record the "security attack"
 * a {@code Host:} line sets off.
 */
class PortSurveyRedisIT {

    private static final Path REDIS = Path.of("/usr/bin/redis-server");

    @TempDir
    Path dir;

    private Process redis;

    @AfterEach
    void stop() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor();
        }
    }

    @Test
    void aRedisOnAnyPortIsNamedFromItsAnswerWithoutALineItWouldLogAsAnAttack() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(REDIS), "redis-server is not installed (.ci/run installs it)");
        int port = freePort();
        Path log = dir.resolve("redis.log");
        redis = new ProcessBuilder(List.of(REDIS.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(), "--logfile", log.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> accepts(port));

        PortFinding finding = new PortSurvey(PortSurvey.Settings.defaults()).survey(InetAddress.getLoopbackAddress(), port);

        assertThat(finding.protocol()).isEqualTo(Protocol.REDIS);
        assertThat(finding.requests()).as("one request line, then nothing more").isEqualTo(1);
        Proposal proposal = ProbeProposer.propose("dev.redis", List.of(finding), java.util.Optional.empty(),
                java.util.Optional.empty());
        assertThat(proposal.liveness()).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("tcp");
            assertThat(String.join(" ", p.why())).contains("Redis");
        });
        assertThat(redis.isAlive()).isTrue();
        assertThat(Files.readString(log)).doesNotContain("SECURITY ATTACK");
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
