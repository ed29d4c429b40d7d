package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.supervisor.JobView;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running launchguard re-reads its configuration: a bad file changes nothing, a good one applies. */
class LaunchguardReloadIT {

    private static final String WEB = "dev.launchguard.test.reload";

    @TempDir
    Path dir;

    private Launchguard launchguard;
    private Path config;
    private int port;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void start() throws IOException {
        port = freePort();
        Path plists = Files.createDirectories(dir.resolve("plists"));
        Path www = Files.createDirectories(dir.resolve("www"));
        Plists.write(LaunchdJob.of(WEB, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(2)),
                plists.resolve(WEB + ".plist"));
        config = dir.resolve("launchguard.yaml");
        Files.writeString(config, yaml("500ms"));
        launchguard = Launchguard.start(new ConfigLoader(dir).load(config), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> view().state() == HealthState.READY);
    }

    private String yaml(String interval) {
        return "listen: 127.0.0.1:0\nplists: plists\nengine: embedded\nstateDir: state\njobs:\n"
                + "  - label: " + WEB + "\n    liveness: { http: \"http://127.0.0.1:" + port + "/\", interval: "
                + interval + " }\n";
    }

    private JobView view() {
        return launchguard.supervisor().job(WEB).orElseThrow();
    }

    @AfterEach
    void stop() {
        launchguard.close();
    }

    @Test
    void aBadFileIsRefusedAndTheRunningJobIsUntouched() throws IOException {
        long pid = view().pid().orElseThrow();
        JobView before = view();
        Files.writeString(config, yaml("500ms").replace("interval: 500ms", "interval: 500ms, timeout: 2s"));

        assertThat(launchguard.reload(config)).isFalse();

        JobView after = view();
        assertThat(after.state()).isEqualTo(HealthState.READY);
        assertThat(after.pid()).hasValue(pid);
        assertThat(after.since()).isEqualTo(before.since());
        assertThat(launchguard.config().job(WEB).orElseThrow().liveness().interval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aGoodFileReplacesTheChangedWatcherAndKeepsTheProcess() throws IOException {
        long pid = view().pid().orElseThrow();
        Files.writeString(config, yaml("1s"));

        assertThat(launchguard.reload(config)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> view().state() == HealthState.READY);
        assertThat(view().pid()).hasValue(pid);
        assertThat(view().restarts()).isEmpty();
    }
}
