package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.cli.Main;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.process.JobProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two launchguards on one machine, with state folders apart and jobs of the same labels (as two
 * {@code launchguard demo --state-dir} runs have), each job on its own port: whatever one does to
 * its jobs — a respawn after a crash, a verified bootout, its own shutdown, adoption after it was
 * killed, the stray watcher reaping orphans — never touches the other's processes.
 */
class TwoInstancesIT {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private final String web = Fleet.label("twin");
    private LaunchguardJar first;
    private LaunchguardJar second;

    @AfterEach
    void stop() throws InterruptedException {
        for (LaunchguardJar instance : new LaunchguardJar[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
        assertThat(Fleet.killLeftovers(List.of(web))).as("processes left behind").isEmpty();
    }

    @Test
    void whatOneInstanceDoesToItsJobsNeverTouchesTheOthersJobsOfTheSameLabel() throws Exception {
        first = LaunchguardJar.start(fleet("first")).awaitReady(web);
        second = LaunchguardJar.start(fleet("second")).awaitReady(web);
        JobProcess theirs = process(second.jobPid(web));

        long crashed = first.jobPid(web);
        Fleet.signal(crashed, "KILL");
        await().atMost(LaunchguardJar.START).until(() -> first.job(web)
                .filter(j -> "READY".equals(j.path("state").asText()) && j.path("pid").asLong() != crashed).isPresent());
        assertUntouched(theirs, "after the first respawned its crashed job");

        // The stray watchers (reaping on) have looked at each other's processes for longer than they
        // wait before reaping an orphan.
        Instant bothRunning = Instant.now();
        await().atMost(LaunchguardJar.START).until(() -> strayCycleAfter(first, bothRunning)
                && strayCycleAfter(second, bothRunning));
        for (LaunchguardJar instance : List.of(first, second)) {
            assertThat(instance.strays().orElseThrow().path("reaped")).as("reaped by the stray watcher").isEmpty();
        }
        assertUntouched(theirs, "after both stray watchers ran with reaping on");

        cli("disable", web, "--state-dir", first.stateDir().toString());
        assertUntouched(theirs, "after the first booted its job out");

        assertThat(first.stop()).as("first launchguard's exit code after SIGTERM").isZero();
        assertUntouched(theirs, "after the first launchguard stopped");
    }

    @Test
    void anInstanceKilledAndStartedAgainAdoptsOnlyItsOwnRun() throws Exception {
        first = LaunchguardJar.start(fleet("first")).awaitReady(web);
        second = LaunchguardJar.start(fleet("second")).awaitReady(web);
        JobProcess theirs = process(second.jobPid(web));
        JobProcess ours = process(first.jobPid(web));

        first.kill();
        first.restart().awaitReady(web);

        assertThat(first.jobPid(web)).as("the first adopted its own run").isEqualTo(ours.pid());
        assertThat(Fleet.table().alive(ours.pid(), ours.started())).isTrue();
        assertUntouched(theirs, "after the first was killed and started again");

        assertThat(first.stop()).as("first launchguard's exit code after SIGTERM").isZero();
        assertThat(Fleet.table().alive(ours.pid(), ours.started())).as("the first stopped its adopted run").isFalse();
        assertUntouched(theirs, "after the first launchguard stopped");
    }

    /** A fleet of one python http.server job under {@code web} in its own folder, on a free port, strays reaped. */
    private Fleet fleet(String name) throws IOException {
        Fleet fleet = new Fleet(Files.createDirectories(dir.resolve(name)));
        Path www = Files.createDirectories(fleet.dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), name);
        int port = Fleet.freePort();
        fleet.add(LaunchdJob.of(web, List.of(PYTHON, "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1",
                                "--directory", www.toString()))
                        .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                        .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(2))
                        .withStandardErrorPath(fleet.logs.resolve(web + ".log")),
                // Probes patient enough that a loaded machine (the fresh-machine test runs this suite
                // in a container on two busy cores) never has a job judged wedged (five failures of 900 ms in a row): what is tested is
                // that one instance never touches the other's processes, not how fast a wedge is seen.
                "    liveness:\n      http: http://127.0.0.1:" + port + "/\n      interval: 1s\n"
                        + "      timeout: 900ms\n      failureThreshold: 5\n    recovery: { fastInterval: 25ms }\n");
        fleet.top("watchers:\n  strays:\n    interval: 200ms\n    reap: true");
        return fleet;
    }

    /** Whether the instance's stray watcher finished a cycle later than {@code since} plus its reap delay. */
    private static boolean strayCycleAfter(LaunchguardJar instance, Instant since) {
        Instant reapable = since.plus(Duration.ofSeconds(6));
        return instance.strays().map(r -> Instant.parse(r.path("at").asText()).isAfter(reapable)).orElse(false);
    }

    private static JobProcess process(long pid) {
        return Fleet.table().find(pid).orElseThrow(() -> new AssertionError("pid " + pid + " does not run"));
    }

    private void assertUntouched(JobProcess theirs, String when) {
        assertThat(Fleet.table().alive(theirs.pid(), theirs.started())).as("the second's job runs " + when).isTrue();
        assertThat(second.job(web).orElseThrow().path("pid").asLong()).as("the second's job, same pid, " + when)
                .isEqualTo(theirs.pid());
        assertThat(second.job(web).orElseThrow().path("respawns")).as("the second's job never respawned " + when)
                .isEmpty();
    }

    /** Runs {@code launchguard ARGS...} in this JVM and expects exit 0. */
    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        assertThat(cli.execute(args)).as("launchguard %s: %s", String.join(" ", args), out).isZero();
    }
}
