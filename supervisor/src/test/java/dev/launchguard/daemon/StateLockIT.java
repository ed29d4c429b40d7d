package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One launchguard per state folder, with real processes: a second {@code run} or {@code demo} on a
 * folder in use is refused with one line naming the running one, before it writes, adopts or binds
 * anything; a launchguard killed with SIGKILL leaves no lock behind.
 */
class StateLockIT {

    private static final Duration REFUSAL = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final String web = Fleet.label("locked");
    private LaunchguardJar first;

    @AfterEach
    void stop() throws InterruptedException {
        if (first != null) {
            first.close();
        }
        assertThat(Fleet.killLeftovers(List.of(web))).as("processes left behind").isEmpty();
    }

    @Test
    void aSecondLaunchguardOnTheStateFolderIsRefusedBeforeItTouchesAnything() throws Exception {
        Fleet fleet = fleet();
        first = LaunchguardJar.start(fleet).awaitReady(web);
        long pid = first.jobPid(web);
        Path instanceRecord = fleet.stateDir.resolve("engine/instances/" + web + ".properties");
        String recorded = Files.readString(instanceRecord);
        String expected = "launchguard: state folder '" + fleet.stateDir + "' is in use by launchguard pid "
                + first.pid() + " at " + first.base() + " (started ";

        Refusal run = launch("run", "--config", fleet.dir.resolve("launchguard.yaml").toString());
        assertThat(run.exit()).as("run's exit code; output: %s", run.output()).isEqualTo(4);
        assertThat(run.output()).as("one line, no stack trace").startsWith(expected)
                .endsWith("); stop it first or give it another stateDir in " + fleet.dir.resolve("launchguard.yaml")
                        + "\n")
                .hasLineCount(1);

        Refusal demo = launch("demo", "--state-dir", fleet.stateDir.toString(), "--port", String.valueOf(Fleet.freePort()));
        assertThat(demo.exit()).as("demo's exit code; output: %s", demo.output()).isEqualTo(4);
        assertThat(demo.output()).startsWith(expected).endsWith("); stop it first or use --state-dir\n").hasLineCount(1);
        assertThat(fleet.stateDir.resolve("demo")).as("no demo rendered into the folder").doesNotExist();

        assertThat(first.jobPid(web)).as("the running job, not adopted or replaced").isEqualTo(pid);
        assertThat(first.job(web).orElseThrow().path("respawns")).isEmpty();
        assertThat(Files.readString(instanceRecord)).as("the engine's record of the run").isEqualTo(recorded);
        assertThat(Fleet.tagged(web)).as("one process of the job").hasSize(1);
    }

    @Test
    void aLaunchguardKilledWithSigkillLeavesNoLockBehind() throws Exception {
        Fleet fleet = fleet();
        first = LaunchguardJar.start(fleet).awaitReady(web);
        long killed = first.pid();

        first.kill();
        assertThat(Files.readString(fleet.stateDir.resolve(StateLock.NAME))).isEqualTo(killed + "\n");
        first.restart().awaitReady(web);

        assertThat(Files.readString(fleet.stateDir.resolve(StateLock.NAME))).isEqualTo(first.pid() + "\n");
        assertThat(first.stop()).as("exit code after SIGTERM").isZero();
    }

    private Fleet fleet() throws IOException {
        Fleet fleet = new Fleet(dir);
        Path www = Files.createDirectories(dir.resolve("www"));
        int port = Fleet.freePort();
        fleet.add(LaunchdJob.of(web, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                                "127.0.0.1", "--directory", www.toString()))
                        .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                        .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(2)),
                "    liveness:\n      http: http://127.0.0.1:" + port + "/\n      interval: 200ms\n");
        return fleet;
    }

    private record Refusal(int exit, String output) {
    }

    /** Runs {@code launchguard ARGS...} from the jar, stdout and stderr together, until it exits. */
    private Refusal launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Fleet.java(), "-jar", Fleet.launchguardJar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(REFUSAL.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("launchguard " + String.join(" ", args) + " did not end; output: " + output);
        }
        return new Refusal(p.exitValue(), output);
    }
}
