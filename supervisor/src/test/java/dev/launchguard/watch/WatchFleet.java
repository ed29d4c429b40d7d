package dev.launchguard.watch;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.ForeignProcesses;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real launchguard in this JVM with watchers configured: the embedded engine runs one python3
 * http.server job whose plist also claims a second port ({@code LaunchguardPorts}), the API on a
 * free loopback port. The label is unique per fleet, so the stray watcher never sees (or reaps) a
 * process of another test run on the same machine. Closes everything it started.
 */
final class WatchFleet implements AutoCloseable {

    final String label = "dev.launchguard.test.w" + UUID.randomUUID().toString().substring(0, 8);
    final Path dir;
    final Path config;
    final int port;
    final int sparePort;
    final Launchguard launchguard;
    private final Path plists;
    private final Path state;
    private final ForeignProcesses foreign;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Writes what the watchers read (their files) once the label and ports are known, before launchguard starts. */
    interface Prepare {
        void prepare(WatchFleet fleet) throws IOException;
    }

    WatchFleet(Path dir, String watchers) throws IOException {
        this(dir, watchers, fleet -> { });
    }

    /** @param watchers the {@code watchers:} block of launchguard.yaml, indented as a top-level key */
    WatchFleet(Path dir, String watchers, Prepare prepare) throws IOException {
        this.dir = dir;
        this.state = dir.resolve("state");
        this.foreign = new ForeignProcesses(dir);
        this.port = freePort();
        this.sparePort = freePort();
        this.plists = Files.createDirectories(dir.resolve("plists"));
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "hello from the watched site");
        Plists.write(LaunchdJob.of(label, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(2))
                .withExtraKeys(Map.of("LaunchguardPorts", List.of(sparePort))), plists.resolve(label + ".plist"));
        this.config = dir.resolve("launchguard.yaml");
        writeConfig(watchers);
        prepare.prepare(this);
        this.launchguard = Launchguard.start(ConfigLoader.forUser().load(config), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> launchguard.supervisor().job(label).orElseThrow().state()
                == HealthState.READY);
    }

    /** Rewrites launchguard.yaml with another watchers block (the jobs unchanged); reload to apply it. */
    void writeConfig(String watchers) throws IOException {
        Files.writeString(config, """
                listen: 127.0.0.1:0
                plists: %s
                engine: embedded
                stateDir: %s
                jobs:
                  - label: %s
                    liveness:
                      http: http://127.0.0.1:%d/
                      interval: 200ms
                      timeout: 150ms
                """.formatted(plists, state, label, port) + watchers);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** GET {@code path} on the API; status and body. */
    Reply get(String path) throws IOException, InterruptedException {
        // The watchers' reports need the token (docs/api.md), as the CLI sends it.
        String token = dev.launchguard.api.TokenFile.read(launchguard.config().tokenFile());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(launchguard.url() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** The JSON body of a 200 answer at {@code path}, or null while it answers something else. */
    JsonNode json(String path) throws IOException, InterruptedException {
        Reply reply = get(path);
        return reply.status() == 200 ? new ObjectMapper().readTree(reply.body()) : null;
    }

    /** Starts a process launchguard did not start, with {@code env} added; it is killed at close. */
    Process foreign(Map<String, String> env, String... command) throws IOException {
        return foreign.start(env, command);
    }

    record Reply(int status, String body) {
    }

    @Override
    public void close() {
        // Foreign processes first: a squatter on a job's port would hold up the job's verified teardown.
        foreign.close();
        launchguard.close();
    }
}
