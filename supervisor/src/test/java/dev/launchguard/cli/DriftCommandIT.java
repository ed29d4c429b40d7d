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
    void anUnwatchedCheckNamesTheJobsOfThePlistFolderThatLaunchguardYamlDoesNotWatch() throws Exception {
        Path agents = Files.createDirectories(dir.resolve("LaunchAgents"));
        Plists.write(LaunchdJob.of(WEB, List.of("/usr/bin/true")), agents.resolve(WEB + ".plist"));
        Plists.write(LaunchdJob.of("com.b.job", List.of("/usr/bin/true")), agents.resolve("b.plist"));
        Path config = Files.writeString(dir.resolve("launchguard.yaml"), """
                plists: %s
                stateDir: %s
                jobs:
                  - label: %s
                    liveness:
                      http: http://127.0.0.1:8080/
                """.formatted(agents, dir.resolve("state"), WEB));
        Path drift = Files.writeString(dir.resolve("drift.yaml"), "checks:\n  - name: every-job-watched\n    unwatched: configured\n");
        String[] once = {"watch", "drift", "--once", "--file", drift.toString(), "--config", config.toString(),
            "--url", "http://127.0.0.1:" + LiveFleet.freePort(), "--state-dir", dir.resolve("state").toString()};
        CliRun cli = new CliRun();

        assertThat(cli.run(once)).as(cli.out() + cli.err()).isEqualTo(1);
        assertThat(cli.out()).startsWith("FAIL  every-job-watched: 1 job(s) in " + agents + " not watched by " + config
                + ": com.b.job (b.plist) (2 plist(s) checked)\n").contains("0 passed, 1 failed");

        Files.writeString(drift, "  - unwatched: " + agents + "\n    ignore: [com.b.*]\n", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(agents.resolve("b.plist"));
        CliRun again = new CliRun();
        assertThat(again.run(once)).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("ok    every-job-watched: 1 plist(s) in " + agents + " checked: every job is "
                + "watched by " + config + "\n").contains("ok    unwatched " + agents + ": 1 plist(s) in ");
    }

    @Test
    void anUnwatchedCheckWithNoLaunchguardYamlExitsTwoSayingToGiveConfig() throws Exception {
        Path drift = Files.writeString(dir.resolve("drift.yaml"), "checks:\n  - unwatched: " + dir + "\n");
        Path state = dir.resolve("state");
        CliRun cli = new CliRun();

        assertThat(cli.run("watch", "drift", "--once", "--file", drift.toString(), "--state-dir", state.toString()))
                .as(cli.out() + cli.err()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("launchguard watch drift: check 'unwatched " + dir + "' (unwatched) compares the "
                + "plist folder with the jobs of launchguard.yaml, and there is none: give --config FILE (looked for "
                + "./launchguard.yaml, " + state.resolve("fleet/launchguard.yaml") + ")\n");
    }

    @Test
    void withoutOnceExitsTwoSayingTheIntervalModeIsNotBuilt() throws Exception {
        CliRun cli = new CliRun();

        assertThat(cli.run("watch", "drift")).isEqualTo(2);
        assertThat(cli.err()).contains("give --once");
    }
}
