package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * launchguard as operators run it, {@code java -jar launchguard.jar run --config FILE}, over a
 * {@link Fleet}'s folder: its own process, its API on a free loopback port, its output in the
 * fleet's log folder (one file per start). Optionally started through a prefix such as
 * {@code setsid(1)}, so it leads a process group of its own as a shell's job does, or {@code nohup(1)}.
 */
final class LaunchguardJar implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Fleet fleet;
    private final int apiPort;
    private final Path config;
    private final List<String> prefix;
    private Process process;
    private Path log;
    private int generation;

    private LaunchguardJar(Fleet fleet, List<String> prefix) {
        this(fleet, Fleet.freePort(), null, prefix);
    }

    private LaunchguardJar(Fleet fleet, int apiPort, Path config, List<String> prefix) {
        this.fleet = fleet;
        this.apiPort = apiPort;
        this.config = config != null ? config : fleet.writeConfig(apiPort);
        this.prefix = List.copyOf(prefix);
    }

    /**
     * Starts launchguard on a configuration written elsewhere (by {@code launchguard init}) that
     * listens on {@code apiPort} and keeps its state in the fleet's state folder.
     */
    static LaunchguardJar startOn(Fleet fleet, Path config, int apiPort) {
        return new LaunchguardJar(fleet, apiPort, config, List.of()).restart();
    }

    /** Writes the fleet's configuration and starts launchguard on it. */
    static LaunchguardJar start(Fleet fleet) {
        return new LaunchguardJar(fleet, List.of()).restart();
    }

    /** As {@link #start}, leading a process group of its own (its PID is the group's ID). */
    static LaunchguardJar startInOwnGroup(Fleet fleet) {
        return startUnder(fleet, "/usr/bin/setsid");
    }

    /** As {@link #start}, run by {@code prefix} (a program that execs its arguments in place, as setsid and nohup do). */
    static LaunchguardJar startUnder(Fleet fleet, String... prefix) {
        return new LaunchguardJar(fleet, List.of(prefix)).restart();
    }

    /** Starts launchguard (again) on the same configuration and state folder. */
    LaunchguardJar restart() {
        assertThat(process == null || !process.isAlive()).as("the previous launchguard has ended").isTrue();
        generation++;
        log = fleet.logs.resolve("launchguard-" + generation + ".log");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Fleet.java(), "-jar", Fleet.launchguardJar().toString(), "run", "--config",
                config.toString()));
        try {
            process = new ProcessBuilder(command).directory(fleet.dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path stateDir() {
        return fleet.stateDir;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Everything this start of launchguard printed so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** Waits (bounded) until every one of {@code labels} is READY. */
    LaunchguardJar awaitReady(String... labels) {
        await().atMost(START).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(process.isAlive()).as("launchguard runs (its output: %s)", log).isTrue();
            for (String label : labels) {
                if (!job(label).map(j -> "READY".equals(j.path("state").asText())).orElse(false)) {
                    return false;
                }
            }
            return true;
        });
        return this;
    }

    /** The job as {@code GET /api/v1/jobs/{label}} gives it; empty while launchguard does not answer. */
    Optional<JsonNode> job(String label) {
        return get("/api/v1/jobs/" + label);
    }

    /** The stray watcher's latest report ({@code GET /api/v1/strays}); empty until there is one. */
    Optional<JsonNode> strays() {
        return get("/api/v1/strays");
    }

    /** The PID launchguard names for {@code label}'s current instance. */
    long jobPid(String label) {
        return job(label).orElseThrow().path("pid").asLong();
    }

    private Optional<JsonNode> get(String path) {
        try {
            // The token is sent as the CLI sends it: the watchers' reports need it (docs/api.md).
            java.nio.file.Path tokenFile = stateDir().resolve("token");
            HttpResponse<String> r = java.nio.file.Files.isRegularFile(tokenFile)
                    ? Fleet.get(base() + path, dev.launchguard.api.TokenFile.read(tokenFile)) : Fleet.get(base() + path);
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Sends SIGTERM, as a service manager stops it, and returns the exit code once it has ended. */
    int stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)).as("launchguard ends after SIGTERM").isTrue();
        return process.exitValue();
    }

    /** SIGKILLs launchguard (not its jobs) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)).as("launchguard dies of SIGKILL").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
