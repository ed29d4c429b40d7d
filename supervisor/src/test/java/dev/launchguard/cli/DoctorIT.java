package dev.launchguard.cli;

import static dev.launchguard.cli.LiveFleet.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.process.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code launchguard doctor} against a real launchguard, with real foreign and tagged processes. */
class DoctorIT {

    @TempDir
    Path dir;

    private LiveFleet fleet;
    private final ProcessTable table = new ProcessTable();

    @BeforeEach
    void start() throws Exception {
        fleet = new LiveFleet(dir);
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void aHealthyFleetIsClean() {
        LiveFleet.Run run = fleet.cli("doctor");

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("Asked launchguard at ").endsWith("no problems found\n");
    }

    @Test
    void reportsAForeignProcessOnTheDisabledJobsPortAsASquatter() throws Exception {
        assertThat(fleet.cli("disable", WEB).exit()).isZero();
        Process squatter = fleet.foreign(Map.of(), "/usr/bin/python3", "-m", "http.server", String.valueOf(fleet.port),
                "--bind", "127.0.0.1", "--directory", dir.toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> !table.listeners(List.of(fleet.port)).isEmpty());

        LiveFleet.Run run = fleet.cli("doctor", "--json");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("launchguard").path("answered").asBoolean()).isTrue();
        assertThat(report.path("problems")).hasSize(1);
        JsonNode problem = report.path("problems").get(0);
        assertThat(problem.path("kind").asText()).isEqualTo("squatter");
        assertThat(problem.path("label").asText()).isEqualTo(WEB);
        assertThat(problem.path("pid").asLong()).isEqualTo(squatter.pid());
        assertThat(problem.path("port").asInt()).isEqualTo(fleet.port);
        assertThat(problem.path("message").asText()).startsWith("job '" + WEB + "' port " + fleet.port + " is held by pid "
                + squatter.pid() + " (/usr/bin/python3 -m http.server " + fleet.port);
    }

    @Test
    void reportsAProcessCarryingTheTagOfADisabledJob() throws Exception {
        assertThat(fleet.cli("disable", WEB).exit()).isZero();
        Process tagged = fleet.foreign(Map.of(ProcessTable.JOB_TAG, WEB), "/bin/sleep", "120");
        await().atMost(Duration.ofSeconds(5)).until(() -> !table.tagged(WEB).isEmpty());

        LiveFleet.Run run = fleet.cli("doctor");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("problem: unsupervised: job '" + WEB + "' has no running instance per the job "
                + "manager (state DISABLED), yet pid " + tagged.pid() + " carries LAUNCHGUARD_JOB=" + WEB + ": /bin/sleep 120\n")
                .endsWith("1 problem(s) found\n");
    }

    @Test
    void reportsASecondInstanceBesideTheRunningOne() throws Exception {
        Process second = fleet.foreign(Map.of(ProcessTable.JOB_TAG, WEB), "/bin/sleep", "120");
        await().atMost(Duration.ofSeconds(5)).until(() -> table.tagged(WEB).size() == 2);

        LiveFleet.Run run = fleet.cli("doctor");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("problem: duplicate: job '" + WEB + "' runs more than once: pid " + second.pid()
                + " carries its tag outside the tree of its instance " + fleet.view().pid().orElseThrow());
    }

    @Test
    void aProcessOfTheCurrentRunThatLeftItsTreeIsNotASecondInstance() throws Exception {
        String instance = table.find(fleet.view().pid().orElseThrow()).orElseThrow().instance().orElseThrow();
        // What a double fork leaves: the run's tags, a parent outside the instance's tree.
        Process escaped = fleet.foreign(Map.of(ProcessTable.JOB_TAG, WEB, ProcessTable.INSTANCE_TAG, instance),
                "/bin/sleep", "120");
        await().atMost(Duration.ofSeconds(5)).until(() -> table.tagged(WEB).size() == 2);

        LiveFleet.Run run = fleet.cli("doctor");

        assertThat(run.out()).as("pid %d", escaped.pid()).doesNotContain("problem:");
        assertThat(run.exit()).isZero();
    }

    @Test
    void reportsAPlistEditedOnDiskSinceItWasLoaded() throws Exception {
        Files.writeString(fleet.plist, "<!-- edited -->\n", StandardOpenOption.APPEND);

        LiveFleet.Run run = fleet.cli("doctor");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("problem: plist-drift: job '" + WEB + "' plist " + fleet.plist
                + " differs from the one loaded (sha256 ");
    }

    @Test
    void withNoLaunchguardItChecksTheProcessTableOnlyAndExitsThree() throws Exception {
        Process tagged = fleet.foreign(Map.of(ProcessTable.JOB_TAG, "dev.launchguard.test.orphan"), "/bin/sleep", "120");
        await().atMost(Duration.ofSeconds(5)).until(() -> !table.tagged("dev.launchguard.test.orphan").isEmpty());
        int closed = LiveFleet.freePort();

        LiveFleet.Run run = fleet.cli("doctor", "--url", "http://127.0.0.1:" + closed);

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).startsWith("launchguard: no answer at http://127.0.0.1:" + closed + " (from --url), so job "
                + "states, PIDs and the plists loaded are unknown.\nChecked the process table only (")
                .contains("problem: unsupervised: job 'dev.launchguard.test.orphan' is supervised by no running "
                        + "launchguard, yet pid " + tagged.pid() + " carries LAUNCHGUARD_JOB=dev.launchguard.test.orphan");
        assertThat(run.err()).startsWith("launchguard doctor: launchguard is not running at http://127.0.0.1:" + closed);
    }
}
