package dev.launchguard.hermetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The README's promise on a fresh machine: a clean container of the base image (a JDK and python3,
 * as the README asks, and no Maven cache) gets this working tree and runs exactly the README's
 * first command; the demo fleet must come up, every job READY in {@code launchguard status --json}.
 * A README whose first command no longer works fails here.
 *
 * <p>The container shares the host's network (it downloads Maven and the dependencies from Maven
 * Central) and trusts what the host trusts ({@code /etc/ssl/certs} bound in read-only). The demo's
 * fixed ports must be free on the host.
 */
class FreshMachineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo's API, model server and site (launchd/launchguard.demo.yaml and its plists). */
    private static final int[] DEMO_PORTS = {9470, 18081, 18082};
    private static final String HOME = "/root/launchguard";
    /** A first build with an empty Maven cache, on two busy cores, then the model's start. */
    private static final Duration BOUND = Duration.ofMinutes(20);

    @TempDir
    Path dir;

    private GenericContainer<?> container;

    @BeforeEach
    void engine() {
        Hermetic.requireEngineAndImage();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    void theReadmesFirstCommandBringsTheDemoFleetUpOnAFreshMachine() throws Exception {
        Path home = Path.of(System.getProperty("launchguard.home"));
        List<String> commands = readmeCommands(home.resolve("README.md"));
        assertThat(commands).as("the README opens with exactly two commands: the demo, then the tests").hasSize(2);
        for (int port : DEMO_PORTS) {
            if (!free(port)) {
                Hermetic.unavailable("the demo's port 127.0.0.1:" + port + " is taken on this host (is a demo running?)");
            }
        }
        Path tree = workingTree(home, Files.createDirectories(dir.resolve("launchguard")));
        List<String> main = argv(commands.get(0));

        container = Hermetic.container()
                .withNetworkMode("host")
                .withFileSystemBind("/etc/ssl/certs", "/etc/ssl/certs", BindMode.READ_ONLY)
                .withFileSystemBind(tree.toString(), HOME, BindMode.READ_WRITE)
                .withEnv("HOME", "/root")
                .withWorkingDirectory(HOME)
                .withCommand(main.toArray(String[]::new))
                // The launcher says what it does (building, then the demo's URLs) from its first moment.
                .waitingFor(Wait.forLogMessage(".*\\n", 1).withStartupTimeout(Duration.ofMinutes(2)));
        container.start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        await().atMost(BOUND).pollInterval(Duration.ofSeconds(3)).until(() -> {
            if (!container.isRunning()) {
                fail("the README's first command (" + commands.get(0) + ") ended after "
                        + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s; its output:\n"
                        + Hermetic.tail(container.getLogs(), 40));
            }
            return allReady(http);
        });

        // Kept in the failsafe report: how long a fresh machine took, and what it printed.
        System.out.println("fresh machine: the demo fleet was READY " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
                + " s after the README's first command started; its output:\n" + Hermetic.tail(container.getLogs(), 25));
        // The fleet is up as the API tells; the README's own status command must say so too.
        String status = Hermetic.exec(container, HOME + "/launchguard", "status", "--json");
        JsonNode jobs = JSON.readTree(status).path("jobs");
        assertThat(jobs).as(status).hasSize(2);
        jobs.forEach(job -> assertThat(job.path("state").asText()).as(status).isEqualTo("READY"));
    }

    private static boolean allReady(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9470/api/v1/jobs"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode jobs = JSON.readTree(response.body()).path("jobs");
            boolean ready = jobs.size() == 2;
            for (JsonNode job : jobs) {
                ready &= job.path("state").asText().equals("READY");
            }
            return ready;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The commands of the README's first {@code sh} block, one per non-blank line. */
    static List<String> readmeCommands(Path readme) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            if (!inBlock && line.strip().equals("```sh")) {
                inBlock = true;
            } else if (inBlock && line.strip().equals("```")) {
                return commands;
            } else if (inBlock && !line.isBlank()) {
                commands.add(line.strip());
            }
        }
        throw new IOException(readme + ": no ```sh block with the two commands");
    }

    /**
     * The README's command as an argument array, as the container starts it (no shell): words split
     * on blanks. A command that needs a shell (quotes, pipes, {@code &&}, variables) is refused here
     * with the reason, since a fresh machine's user would paste it into one.
     */
    static List<String> argv(String command) {
        assertThat(command).as("the README's first command must be a plain command (no shell syntax) for this test: %s",
                command).doesNotContainPattern("[|&;<>()$`\\\\\"'*?~{}]");
        return List.of(command.trim().split("\\s+"));
    }

    /**
     * Copies the working tree as a clone would have it plus uncommitted edits (git's tracked and
     * untracked, not ignored, files) into {@code into}, keeping modes: no build output, no Maven cache.
     */
    private static Path workingTree(Path home, Path into) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "-C", home.toString(), "ls-files", "--cached", "--others",
                "--exclude-standard").redirectErrorStream(true).start();
        List<String> files = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(git.waitFor()).as("git ls-files in %s: %s", home, files).isZero();
        for (String file : files) {
            Path from = home.resolve(file);
            if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                continue; // a tracked file deleted in the working tree is not there to copy
            }
            Path to = into.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
        return into;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
