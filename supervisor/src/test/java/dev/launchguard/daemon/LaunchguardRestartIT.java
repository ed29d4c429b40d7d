package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * launchguard as operators run it ({@code java -jar launchguard.jar run --config FILE}), killed
 * with SIGKILL in the middle of recovering a job and started again with the same configuration and
 * state: it must adopt the instance it had just spawned rather than start a second one, and finish
 * the recovery.
 */
class LaunchguardRestartIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Fleet fleet;
    private Process launchguard;
    private final String model = Fleet.label("adopted");
    private final int port = Fleet.freePort();
    private final int apiPort = Fleet.freePort();
    private int generation;

    @AfterEach
    void stop() throws InterruptedException {
        if (launchguard != null && launchguard.isAlive()) {
            launchguard.destroy();
            if (!launchguard.waitFor(60, TimeUnit.SECONDS)) {
                launchguard.destroyForcibly().waitFor();
            }
        }
        assertThat(Fleet.killLeftovers(List.of(model))).as("processes left behind").isEmpty();
    }

    @Test
    void launchguardKilledWhileRecoveringAJobAdoptsTheNewInstanceAfterRestart() throws Exception {
        fleet = new Fleet(dir);
        // The warmup makes the recovery last seconds, so the kill lands inside it.
        fleet.add(fleet.modelServer(model, port, 100), Fleet.modelProbes(port));
        Path config = fleet.writeConfig(apiPort);
        startLaunchguard(config);
        await().atMost(START).until(() -> "READY".equals(state()));
        long wedged = job().path("pid").asLong();

        Fleet.signal(wedged, "STOP");
        AtomicLong respawned = new AtomicLong();
        await().atMost(START).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<JobProcess> tagged = Fleet.tagged(model);
            tagged.stream().filter(p -> p.pid() != wedged).findFirst().ifPresent(p -> respawned.set(p.pid()));
            return "RECOVERING".equals(state()) && respawned.get() != 0 && tagged.size() == 1;
        });
        launchguard.destroyForcibly();
        assertThat(launchguard.waitFor(30, TimeUnit.SECONDS)).as("launchguard died of SIGKILL").isTrue();
        assertThat(ProcessHandle.of(wedged).map(ProcessHandle::isAlive).orElse(false)).as("wedged instance killed")
                .isFalse();

        startLaunchguard(config);
        await().atMost(START).until(() -> "READY".equals(state()));

        assertThat(job().path("pid").asLong()).as("the instance spawned before the kill, adopted").isEqualTo(respawned.get());
        List<JobProcess> tagged = Fleet.tagged(model);
        assertThat(tagged).as("one instance, no duplicate, no orphan").singleElement()
                .satisfies(p -> {
                    assertThat(p.pid()).isEqualTo(respawned.get());
                    assertThat(p.stopped()).isFalse();
                });
        assertThat(Fleet.table().listeners(List.of(port))).as("one listener on the job's port")
                .containsExactly(new ProcessTable.PortOwner(port, respawned.get()));
        CliResult status = cli("status", "--json", "--state-dir", fleet.stateDir.toString());
        assertThat(status.exit()).as("status exit code, output: %s", status.out()).isZero();
        assertThat(JSON.readTree(status.out()).path("jobs")).singleElement().satisfies(j -> {
            assertThat(j.path("label").asText()).isEqualTo(model);
            assertThat(j.path("state").asText()).isEqualTo("READY");
            assertThat(j.path("pid").asLong()).isEqualTo(respawned.get());
        });

        launchguard.destroy();
        assertThat(launchguard.waitFor(60, TimeUnit.SECONDS)).as("launchguard stops on SIGTERM").isTrue();
        assertThat(Fleet.tagged(model)).as("SIGTERM boots the job out").isEmpty();
    }

    private void startLaunchguard(Path config) throws IOException {
        generation++;
        Path log = fleet.logs.resolve("launchguard-" + generation + ".log");
        launchguard = new ProcessBuilder(Fleet.java(), "-jar", Fleet.launchguardJar().toString(), "run", "--config",
                config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
    }

    private JsonNode job() throws IOException, InterruptedException {
        HttpResponse<String> r = Fleet.get("http://127.0.0.1:" + apiPort + "/api/v1/jobs/" + model);
        assertThat(r.statusCode()).as("GET job: %s", r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The job's state from the API, or null while launchguard is not answering yet. */
    private String state() {
        assertThat(launchguard.isAlive()).as("launchguard is running").isTrue();
        try {
            return job().path("state").asText();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private record CliResult(int exit, String out) {
    }

    private CliResult cli(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Fleet.java(), "-jar", Fleet.launchguardJar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(fleet.logs.resolve("cli.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CliResult(p.exitValue(), out);
    }
}
