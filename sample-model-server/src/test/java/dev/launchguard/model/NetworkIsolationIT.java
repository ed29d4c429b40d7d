package dev.launchguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Proves a server start calls nothing outside the machine: run under {@code strace -f -e
 * trace=connect}, load and warm the model, serve one inference, and read every connect target.
 */
class NetworkIsolationIT {

    private static final Path STRACE = Path.of("/usr/bin/strace");
    /** A connect to loopback over IPv4/IPv6, a Unix socket, or an AF_UNSPEC disconnect. */
    private static final Pattern LOCAL = Pattern.compile(
            "sa_family=AF_UNIX|inet_addr\\(\"127\\.\\d+\\.\\d+\\.\\d+\"\\)|inet_pton\\(AF_INET6, \"::1\"|sa_family=AF_UNSPEC"
                    + "|inet_pton\\(AF_INET6, \"::ffff:127\\.\\d+\\.\\d+\\.\\d+\"");

    @Test
    void startingAndServingConnectsOnlyToLoopback() throws Exception {
        assumeThat(Files.isExecutable(STRACE)).as("strace is installed (.ci/run installs it)").isTrue();
        Path trace = Files.createDirectories(Path.of("target", "it-logs")).resolve("connect.strace");
        Files.deleteIfExists(trace);
        try (ServerProcess server = ServerProcess.start("strace",
                List.of(STRACE.toString(), "-f", "-e", "trace=connect", "-o", trace.toString()),
                List.of(), "--warmup", "2")) {
            server.awaitReady();
            assertThat(server.post("/v1/embeddings", "{\"model\":\"all-minilm-l6-v2\",\"input\":\"offline\"}")
                    .statusCode()).isEqualTo(200);
            server.process.descendants().forEach(ProcessHandle::destroy); // SIGTERM to java, strace follows
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isZero();
        }

        List<String> lines = Files.readAllLines(trace);
        assertThat(lines).as("strace followed the JVM to its exit").anyMatch(l -> l.contains("+++ exited with 0 +++"));
        List<String> connects = lines.stream().filter(l -> l.contains("connect(")).toList();
        assertThat(connects).allMatch(line -> LOCAL.matcher(line).find(), "targets loopback or a Unix socket");
    }
}
