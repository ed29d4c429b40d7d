package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code nohup} SIGHUP is ignored, and the JVM keeps it ignored: {@code kill -HUP} would never
 * reload the configuration, so launchguard says so once at start. Without nohup it says nothing.
 */
class HangupIgnoredIT {

    private static final String WARNING = "SIGHUP is ignored (started under nohup?)";

    @TempDir
    Path dir;

    private final String web = Fleet.label("nohup");
    private LaunchguardJar launchguard;

    @AfterEach
    void stop() throws InterruptedException {
        if (launchguard != null) {
            launchguard.close();
        }
        assertThat(Fleet.killLeftovers(List.of(web))).as("processes left behind").isEmpty();
    }

    @Test
    void underNohupLaunchguardWarnsOnceThatReloadsBySighupWillNotArrive() throws Exception {
        launchguard = LaunchguardJar.startUnder(fleet(), "/usr/bin/nohup").awaitReady(web);

        assertThat(launchguard.output().lines().filter(l -> l.contains(WARNING)))
                .singleElement().asString().contains(" WARN ").contains("restart launchguard to apply changes");
    }

    @Test
    void withSighupHandledThereIsNoWarning() throws Exception {
        // launchguard inherits what this JVM ignores: a build run under nohup has SIGHUP ignored too.
        String mask = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .findFirst().orElseThrow().substring("SigIgn:".length()).trim();
        assumeFalse((Long.parseUnsignedLong(mask, 16) & 1) == 1, "this test JVM ignores SIGHUP (a build under nohup)");
        launchguard = LaunchguardJar.start(fleet()).awaitReady(web);

        assertThat(launchguard.output()).doesNotContain(WARNING);
    }

    private Fleet fleet() throws java.io.IOException {
        Fleet fleet = new Fleet(dir);
        Path www = Files.createDirectories(dir.resolve("www"));
        int port = Fleet.freePort();
        return fleet.add(LaunchdJob.of(web, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port),
                        "--bind", "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true),
                "    liveness: http://127.0.0.1:" + port + "/\n");
    }
}
