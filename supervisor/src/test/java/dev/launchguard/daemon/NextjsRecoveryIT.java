package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.process.JobProcess;
import dev.launchguard.recovery.RestartReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Next.js site run as launchd would run it, through {@code npm start}: npm is the job's
 * process, and the {@code next-server} that serves is its child. A SIGSTOP of that child must be
 * seen (process evidence covers the whole tree), and the recovery must take the child with it.
 */
class NextjsRecoveryIT {

    private static final Duration START = Duration.ofSeconds(90);
    /** `next start` renames its process to `next-server (vX.Y.Z)`. */
    private static final String SERVER = "next-server";

    private static Path app;

    @TempDir
    Path dir;

    private Fleet fleet;
    private final String site = Fleet.label("nextjs");
    private final int port = Fleet.freePort();

    @BeforeAll
    static void build() {
        app = NextApp.built();
    }

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void stoppedNextServerIsRecoveredAndTheOldOneNotLeftOrphaned() throws Exception {
        fleet = new Fleet(dir);
        Path npm = NextApp.npm();
        LaunchdJob job = LaunchdJob.of(site, List.of(npm.toString(), "start", "--", "-H", "127.0.0.1", "-p",
                        String.valueOf(port)))
                .withWorkingDirectory(app)
                .withEnvironmentVariables(NextApp.environment(npm))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(5))
                .withStandardOutPath(fleet.logs.resolve("next.log")).withStandardErrorPath(fleet.logs.resolve("next.log"));
        String health = "http://127.0.0.1:" + port + "/api/health";
        fleet.add(job, "    startup:\n      http: " + health + "\n      budget: 60s\n    liveness: " + health + "\n");
        fleet.start();
        await().atMost(START).until(() -> fleet.view(site).state() == HealthState.READY && nextServers().size() == 1);
        long npmPid = fleet.view(site).pid().orElseThrow();
        JobProcess stopped = nextServers().get(0);
        assertThat(descendants(npmPid)).as("next-server runs under the job's npm").contains(stopped.pid());

        Fleet.signal(stopped.pid(), "STOP");

        await().atMost(START).until(() -> fleet.view(site).respawns().size() == 1
                && fleet.view(site).state() == HealthState.READY);
        JobView view = fleet.view(site);
        assertThat(view.restarts()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RestartReason.WEDGE);
            assertThat(r.evidence()).contains("is stopped (state T)");
        });
        assertThat(view.pid().orElseThrow()).isNotEqualTo(npmPid);
        // Dead, zombie included: an orphan's zombie waits for PID 1 to reap it, and holds nothing.
        assertThat(Fleet.table().alive(stopped.pid(), stopped.started()))
                .as("the stopped next-server is gone, not orphaned").isFalse();
        assertThat(nextServers()).as("exactly one next-server of the job").singleElement().satisfies(p -> {
            assertThat(p.pid()).isNotEqualTo(stopped.pid());
            assertThat(p.stopped()).isFalse();
            assertThat(descendants(view.pid().orElseThrow())).contains(p.pid());
        });
        assertThat(Fleet.get(health).statusCode()).isEqualTo(200);
    }

    private static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    private List<JobProcess> nextServers() {
        return Fleet.tagged(site).stream().filter(p -> String.join(" ", p.arguments()).contains(SERVER)).toList();
    }
}
