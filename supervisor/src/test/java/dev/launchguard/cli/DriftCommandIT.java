package dev.launchguard.cli;

import static dev.launchguard.cli.LiveFleet.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code launchguard watch drift --once} against a real launchguard, and its exit codes. */
class DriftCommandIT {

    @TempDir
    Path dir;

    @Test
    void passesAgainstTheLiveFleetThenFailsOnceItsPlistIsEditedOnDisk() throws Exception {
        try (LiveFleet fleet = new LiveFleet(dir)) {
            Path drift = Files.writeString(dir.resolve("drift.yaml"), """
                    checks:
                      - job: %1$s
                      - plist: %1$s
                      - name: web port
                        port: %2$d
                        owner: %1$s
                      - env: %1$s
                        variable: LAUNCHGUARD_JOB
                        equals: %1$s
                      - command: [true]
                    """.formatted(WEB, fleet.port));

            LiveFleet.Run run = fleet.cli("watch", "drift", "--once", "--file", drift.toString());
            assertThat(run.exit()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("ok    web port: port " + fleet.port + " is held by pid ")
                    .containsPattern("5 passed, 0 failed in \\d+ ms\n$");

            Plists.write(LaunchdJob.of(WEB, List.of("/usr/bin/python3", "-m", "http.server")), fleet.plist);
            LiveFleet.Run drifted = fleet.cli("watch", "drift", "--once", "--json", "--file", drift.toString());
            assertThat(drifted.exit()).as(drifted.out() + drifted.err()).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(drifted.out());
            assertThat(report.path("failed").asInt()).isEqualTo(1);
            assertThat(report.path("launchguard").path("answered").asBoolean()).isTrue();
            JsonNode plist = report.path("results").get(1);
            assertThat(plist.path("check").asText()).isEqualTo("plist " + WEB);
            assertThat(plist.path("ok").asBoolean()).isFalse();
            assertThat(plist.path("detail").asText()).startsWith(fleet.plist + " changed since job '" + WEB + "' loaded it");
        }
    }

    @Test
    void aBadDriftFileExitsTwoNamingFileKeyAndValue() throws Exception {
        Path drift = Files.writeString(dir.resolve("drift.yaml"), "checks:\n  - port: http\n");
        CliRun cli = new CliRun();

        assertThat(cli.run("watch", "drift", "--once", "--file", drift.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("launchguard watch drift: " + drift
                + ": checks[0].port: 'http' must be a whole number from 1 to 65535\n");
    }

    @Test
    void aJobCheckWithNoLaunchguardAnsweringExitsThree() throws Exception {
        Path drift = Files.writeString(dir.resolve("drift.yaml"), "checks:\n  - job: dev.example.web\n  - command: [true]\n");
        CliRun cli = new CliRun();
        String url = "http://127.0.0.1:" + LiveFleet.freePort();

        int exit = cli.run("watch", "drift", "--once", "--file", drift.toString(), "--url", url, "--state-dir",
                dir.resolve("state").toString());

        assertThat(exit).as(cli.out() + cli.err()).isEqualTo(3);
        assertThat(cli.out()).contains("FAIL  job dev.example.web: the job manager could not be asked: launchguard "
                + "is not running at " + url).contains("ok    command true: exited 0");
        assertThat(cli.err()).startsWith("launchguard watch drift: launchguard is not running at " + url);
    }

    @Test
    void withoutOnceExitsTwoSayingTheIntervalModeIsNotBuilt() throws Exception {
        CliRun cli = new CliRun();

        assertThat(cli.run("watch", "drift")).isEqualTo(2);
        assertThat(cli.err()).contains("give --once");
    }
}
