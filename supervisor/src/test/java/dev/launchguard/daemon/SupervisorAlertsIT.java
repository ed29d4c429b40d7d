package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's own incidents reaching a real webhook receiver on 127.0.0.1 (and the command
 * hook): a real job quarantined by a crash storm, and a launchguard started again after SIGKILL.
 */
class SupervisorAlertsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERED = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private Fleet fleet;
    private LaunchguardJar jar;

    @BeforeEach
    void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", exchange -> {
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (jar != null) {
            jar.close();
            assertThat(Fleet.killLeftovers(fleet.labels())).as("processes left behind").isEmpty();
        } else if (fleet != null) {
            fleet.close();
        }
        receiver.stop(0);
    }

    /** The alerts section: webhook to the receiver, and a command hook appending each summary to {@code hook}. */
    private String alerts(Path hook) {
        String script = "import os, sys; open(sys.argv[1], 'a').write(os.environ['LAUNCHGUARD_ALERT_SUMMARY'] + '\\\\n')";
        return "watchers:\n"
                + "  alerts:\n"
                + "    webhook: { url: 'http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts' }\n"
                + "    command: [/usr/bin/python3, -c, \"" + script + "\", '" + hook + "']";
    }

    private List<JsonNode> about(String check) {
        return received.stream().filter(a -> a.path("watcher").asText().equals("supervisor")
                && a.path("check").asText().equals(check)).toList();
    }

    @Test
    void aJobQuarantinedByACrashStormSendsExactlyOneFiringAlertToTheWebhookAndTheCommandHook() throws IOException {
        String looping = Fleet.label("storm");
        Path hook = dir.resolve("hook.txt");
        fleet = new Fleet(dir);
        fleet.addCrashLoop(looping, 3);
        fleet.top(alerts(hook));
        fleet.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> fleet.view(looping).state() == HealthState.QUARANTINED);
        await().atMost(DELIVERED).until(() -> !about("quarantine " + looping).isEmpty());

        // Held quarantined: nothing more is sent for it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> about("quarantine " + looping).size() == 1);
        assertThat(about("quarantine " + looping)).singleElement().satisfies(a -> {
            assertThat(a.path("status").asText()).isEqualTo("firing");
            assertThat(a.path("detail").asText()).contains("job '" + looping + "' quarantined", "exit 1");
            assertThat(a.path("streak").asInt()).isEqualTo(1);
        });
        assertThat(received).as("nothing else from the supervisor: its restarts went through")
                .allSatisfy(a -> assertThat(a.path("check").asText()).isEqualTo("quarantine " + looping));
        await().atMost(DELIVERED).until(() -> Files.exists(hook) && Files.readString(hook).endsWith("\n"));
        assertThat(Files.readAllLines(hook)).singleElement().asString()
                .startsWith("FIRING supervisor 'quarantine " + looping + "': job '" + looping + "' quarantined");
    }

    @Test
    void aStartAfterSigkillFiresOneLaunchguardAlertNamingTheKilledPidAndACleanStopFiresNone() throws Exception {
        String web = Fleet.label("web");
        int port = Fleet.freePort();
        fleet = new Fleet(dir);
        LaunchdJob job = LaunchdJob.of(web, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port),
                        "--bind", "127.0.0.1"))
                .withWorkingDirectory(dir).withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1));
        fleet.add(job, "    liveness: http://127.0.0.1:" + port + "/\n");
        fleet.top(alerts(dir.resolve("hook.txt")));
        jar = LaunchguardJar.start(fleet).awaitReady(web);
        assertThat(fleet.stateDir.resolve(RunMarker.NAME)).as("marked as running").isRegularFile();
        long killed = jar.pid();

        jar.kill();
        jar.restart().awaitReady(web);

        await().atMost(DELIVERED).until(() -> about("launchguard").size() == 2);
        assertThat(about("launchguard")).satisfiesExactly(
                a -> {
                    assertThat(a.path("status").asText()).isEqualTo("firing");
                    assertThat(a.path("detail").asText()).startsWith("launchguard pid " + killed + " (started ")
                            .contains("did not stop cleanly", "started again as pid " + jar.pid());
                },
                a -> {
                    assertThat(a.path("status").asText()).isEqualTo("resolved");
                    assertThat(a.path("detail").asText()).isEqualTo("launchguard pid " + jar.pid()
                            + " supervises again: 1 of 1 jobs READY");
                });

        assertThat(jar.stop()).as("exit code of a clean stop").isZero();
        assertThat(fleet.stateDir.resolve(RunMarker.NAME)).as("removed by the clean stop").doesNotExist();
        jar.restart().awaitReady(web);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> about("launchguard").size() == 2);
    }
}
