package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start whose API address is taken (another launchguard, another program) fails in one clear
 * line with exit code 4, and leaves nothing running: the job it had already started is stopped
 * again, not left behind as an orphan nobody supervises.
 */
class ApiPortTakenIT {

    @TempDir
    Path dir;

    private final String web = Fleet.label("porttaken");

    @AfterEach
    void noLeftovers() {
        assertThat(Fleet.killLeftovers(List.of(web))).as("processes left behind").isEmpty();
    }

    @Test
    void aTakenListenAddressFailsTheStartInOneLineAndStopsTheJobsItStarted() throws Exception {
        Fleet fleet = new Fleet(dir);
        Path www = Files.createDirectories(dir.resolve("www"));
        int port = Fleet.freePort();
        fleet.add(LaunchdJob.of(web, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(2)),
                "    liveness:\n      http: http://127.0.0.1:" + port + "/\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = fleet.writeConfig(taken.getLocalPort());
            Path log = dir.resolve("launchguard.log");
            Process launchguard = new ProcessBuilder(Fleet.java(), "-jar", Fleet.launchguardJar().toString(), "run",
                    "--config", config.toString()).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();

            assertThat(launchguard.waitFor(60, TimeUnit.SECONDS)).as("launchguard ended by itself").isTrue();
            String output = Files.readString(log);
            assertThat(launchguard.exitValue()).as(output).isEqualTo(4);
            assertThat(output).contains("launchguard run: HTTP API could not listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": ", "another launchguard or another program holds the address",
                    "The jobs this start had started were stopped again.")
                    .doesNotContain("\tat dev.launchguard");
            assertThat(Fleet.tagged(web)).as("the job's processes").isEmpty();
        }
    }
}
