package dev.launchguard.hermetic;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What the hermetic tests share: whether a Docker engine and the base image are there (skip with a
 * clear message when not, fail when {@code .ci/hermetic} says they must run), the base container,
 * and the container's process table read from inside it.
 *
 * <p>The base image is debootstrapped Debian (minbase, ca-certificates) with exactly the packages the
 * README's prerequisites name, built by {@code .ci/hermetic}; nothing is pulled from a registry
 * (docs/testing.md).
 */
final class Hermetic {

    static final String IMAGE = Optional.ofNullable(System.getenv("LAUNCHGUARD_HERMETIC_IMAGE"))
            .orElse("launchguard-base:local");
    /** Set inside {@link FreshMachineIT}'s container, whose test run must not start the hermetic tests again. */
    static final String INSIDE = "LAUNCHGUARD_HERMETIC_INSIDE";
    private static final boolean REQUIRED = "true".equals(System.getenv("LAUNCHGUARD_HERMETIC_REQUIRED"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private Hermetic() {
    }

    /** Skips the calling test, or fails it under {@code .ci/hermetic}, unless the engine and image are there. */
    static void requireEngineAndImage() {
        if ("true".equals(System.getenv(INSIDE))) {
            Assumptions.abort("hermetic test skipped: this run is the README's test command inside FreshMachineIT's "
                    + "fresh-machine container, which runs no hermetic test again");
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            unavailable("no Docker engine is reachable (DOCKER_HOST=" + System.getenv("DOCKER_HOST") + ")");
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
        } catch (RuntimeException e) {
            unavailable("the base image " + IMAGE + " is not in the engine (" + e.getMessage() + ")");
        }
    }

    static void unavailable(String why) {
        String message = "hermetic test skipped: " + why + "; run it with .ci/hermetic ./mvnw verify "
                + "(builds the image and starts an engine), or on a Mac with Docker Desktop after building the image";
        if (REQUIRED) {
            fail(message.replace("skipped", "cannot run") + " — LAUNCHGUARD_HERMETIC_REQUIRED is set, so this fails");
        }
        Assumptions.abort(message);
    }

    /** A container of the base image; the caller adds its network, files and command. */
    static GenericContainer<?> container() {
        return new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withEnv("ORT_DISABLE_TELEMETRY", "1")
                .withEnv("OPT_OUT_TRACKING", "true")
                .withEnv("LANG", "C.UTF-8");
    }

    /** Runs a command in the container; fails the test, with its output, when it exits non-zero. */
    static String exec(GenericContainer<?> container, String... command) throws IOException, InterruptedException {
        ExecResult result = container.execInContainer(command);
        if (result.getExitCode() != 0) {
            fail("in the container, " + String.join(" ", command) + " exited " + result.getExitCode()
                    + "\nstdout: " + result.getStdout() + "\nstderr: " + result.getStderr());
        }
        return result.getStdout();
    }

    /** One process of the container's table, as {@code hermetic/ps.py} reads it from /proc. */
    record Proc(long pid, long ppid, String state, List<String> argv, String job, String instance) {

        boolean zombie() {
            return state.equals("Z");
        }

        @Override
        public String toString() {
            return pid + " (ppid " + ppid + ", " + state + (job.isEmpty() ? "" : ", " + job + " " + instance) + ") "
                    + String.join(" ", argv);
        }
    }

    /**
     * The container's processes, without the {@code docker exec} sessions (a process whose parent is
     * outside the container's PID namespace, shown as ppid 0, other than PID 1) and their descendants.
     */
    static List<Proc> processes(GenericContainer<?> container, Path psScript) throws IOException, InterruptedException {
        List<Proc> all = new ArrayList<>();
        for (String line : exec(container, "python3", psScript.toString()).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            List<String> argv = new ArrayList<>();
            node.path("argv").forEach(a -> argv.add(a.asText()));
            all.add(new Proc(node.path("pid").asLong(), node.path("ppid").asLong(), node.path("state").asText(), argv,
                    node.path("job").asText(), node.path("instance").asText()));
        }
        Map<Long, Proc> byPid = new HashMap<>();
        all.forEach(p -> byPid.put(p.pid(), p));
        return all.stream().filter(p -> !underExec(p, byPid)).toList();
    }

    private static boolean underExec(Proc p, Map<Long, Proc> byPid) {
        Proc at = p;
        for (int depth = 0; at != null && depth < 64; depth++) {
            if (at.pid() == 1) {
                return false;
            }
            if (at.ppid() == 0) {
                return true;
            }
            at = byPid.get(at.ppid());
        }
        // A parent that ended while the table was read: its orphans now hang off PID 1, not off an exec.
        return false;
    }

    /** The last {@code count} lines of a log. */
    static String tail(String log, int count) {
        String[] lines = log.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - count), lines.length));
    }

    /** Copies the test resource {@code name} (a path from the resources' root) into {@code dir}, executable. */
    static Path resource(String name, Path dir) throws IOException {
        Path target = dir.resolve(Path.of(name).getFileName());
        try (var in = Hermetic.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("test resource '" + name + "' is missing");
            }
            Files.copy(in, target);
        }
        target.toFile().setExecutable(true, false);
        return target;
    }
}
