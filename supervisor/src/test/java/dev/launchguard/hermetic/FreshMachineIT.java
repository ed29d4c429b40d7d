package dev.launchguard.hermetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
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
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The README's promise on a fresh machine: a clean container of the base image (Debian's minimal
 * base plus exactly the packages the README's prerequisites name, and no Maven or npm cache) gets
 * this working tree and runs the README's two commands in order, as a new user would. The first
 * must bring the demo fleet up, every job READY in {@code launchguard status --json}; then, on the
 * same machine (the home folder, with its Maven cache and the first build, is kept), the second must
 * pass. A README whose commands no longer work on a fresh machine fails here, with their output.
 *
 * <p>The containers share the host's network (they download Maven, the dependencies and the Next.js
 * test site from Maven Central and the npm registry) and trust what the host trusts
 * ({@code /etc/ssl/certs} bound in read-only). The demo's fixed ports must be free on the host. The
 * inner test run skips the hermetic tests, this one included ({@code LAUNCHGUARD_HERMETIC_INSIDE}):
 * there is no engine inside, and no recursion.
 */
class FreshMachineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo's API, model server and site (launchd/launchguard.demo.yaml and its plists). */
    private static final int[] DEMO_PORTS = {9470, 18081, 18082};
    private static final String HOME = "/root";
    private static final String TREE = HOME + "/launchguard";
    /** A first build with an empty Maven cache, on two busy cores, then the model's start. */
    private static final Duration DEMO_BOUND = Duration.ofMinutes(20);
    /** The whole test suite less the hermetic tests, on two cores, with Next.js installed fresh. */
    private static final Duration TESTS_BOUND = Duration.ofMinutes(40);

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
    void theReadmesTwoCommandsWorkOnAFreshMachine() throws Exception {
        Path repository = Path.of(System.getProperty("launchguard.home"));
        List<String> commands = readmeCommands(repository.resolve("README.md"));
        assertThat(commands).as("the README opens with exactly two commands: the demo, then the tests").hasSize(2);
        for (int port : DEMO_PORTS) {
            if (!free(port)) {
                Hermetic.unavailable("the demo's port 127.0.0.1:" + port + " is taken on this host (is a demo running?)");
            }
        }
        Path home = Files.createDirectories(dir.resolve("root"));
        workingTree(repository, Files.createDirectories(home.resolve("launchguard")));

        demoComesUp(home, commands.get(0));
        container.stop();
        container = null;
        testsPass(home, commands.get(1));
    }

    /** The README's first command: the demo fleet must be READY, as the API and {@code status} tell. */
    private void demoComesUp(Path home, String command) throws Exception {
        container = machine(home, argv(command))
                // The launcher says what it does (building, then the demo's URLs) from its first moment.
                .waitingFor(Wait.forLogMessage(".*\\n", 1).withStartupTimeout(Duration.ofMinutes(2)));
        container.start();

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        await().atMost(DEMO_BOUND).pollInterval(Duration.ofSeconds(3)).until(() -> {
            if (!container.isRunning()) {
                fail("the README's first command (" + command + ") ended after " + seconds(started)
                        + " s; its output:\n" + Hermetic.tail(container.getLogs(), 40));
            }
            return allReady(http);
        });

        // Kept in the failsafe report: how long a fresh machine took, and what it printed.
        System.out.println("fresh machine: the demo fleet was READY " + seconds(started)
                + " s after the README's first command started; its output:\n" + Hermetic.tail(container.getLogs(), 25));
        // The fleet is up as the API tells; the README's own status command must say so too.
        String status = Hermetic.exec(container, TREE + "/launchguard", "status", "--json");
        JsonNode jobs = JSON.readTree(status).path("jobs");
        assertThat(jobs).as(status).hasSize(2);
        jobs.forEach(job -> assertThat(job.path("state").asText()).as(status).isEqualTo("READY"));
    }

    /** The README's second command, on the machine the first one left: it must exit 0 with BUILD SUCCESS. */
    private void testsPass(Path home, String command) {
        container = machine(home, argv(command))
                .withEnv(Hermetic.INSIDE, "true")
                // Started is enough: the test itself waits for the command to end and reads its exit code.
                .withStartupCheckStrategy(new StartupCheckStrategy() {
                    @Override
                    public StartupStatus checkStartupState(DockerClient docker, String containerId) {
                        return StartupStatus.SUCCESSFUL;
                    }
                });
        long started = System.nanoTime();
        container.start();
        await().atMost(TESTS_BOUND).pollInterval(Duration.ofSeconds(5)).until(() -> !container.isRunning());
        Long exit = container.getCurrentContainerInfo().getState().getExitCodeLong();
        String output = container.getLogs();
        if (exit == null || exit != 0 || !output.contains("BUILD SUCCESS")) {
            fail("the README's second command (" + command + ") exited " + exit + " after " + seconds(started)
                    + " s on the fresh machine; its output:\n" + Hermetic.tail(output, 80));
        }
        System.out.println("fresh machine: the README's second command passed in " + seconds(started) + " s:\n"
                + String.join("\n", output.lines().filter(l -> l.matches(".*Tests run: \\d+, Failures: \\d+, Errors: \\d+, "
                        + "Skipped: \\d+$") || l.startsWith("SKIPPED") || l.contains("SUCCESS [")).toList()));
    }

    /**
     * A new machine of the base image whose home folder is {@code home} (so the second command finds
     * what the first one left, as on a real machine), running {@code command} from the tree, no shell.
     */
    private static GenericContainer<?> machine(Path home, List<String> command) {
        return Hermetic.container()
                .withNetworkMode("host")
                .withFileSystemBind("/etc/ssl/certs", "/etc/ssl/certs", BindMode.READ_ONLY)
                .withFileSystemBind(home.toString(), HOME, BindMode.READ_WRITE)
                .withEnv("HOME", HOME)
                .withWorkingDirectory(TREE)
                .withCommand(command.toArray(String[]::new));
    }

    private static long seconds(long startedNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
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
        assertThat(command).as("the README's commands must be a plain command (no shell syntax) for this test: %s",
                command).doesNotContainPattern("[|&;<>()$`\\\\\"'*?~{}]");
        return List.of(command.trim().split("\\s+"));
    }

    /**
     * Copies the working tree as a clone would have it plus uncommitted edits (git's tracked and
     * untracked, not ignored, files) into {@code into}, keeping modes: no build output, no Maven cache.
     */
    private static void workingTree(Path home, Path into) throws IOException, InterruptedException {
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
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }
}
