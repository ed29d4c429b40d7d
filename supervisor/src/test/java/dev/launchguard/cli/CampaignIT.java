package dev.launchguard.cli;

import static dev.launchguard.cli.LiveFleet.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.chaos.Campaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code launchguard chaos campaign} against a real launchguard running a python3 job. */
class CampaignIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LiveFleet fleet;
    private Path results;

    @BeforeEach
    void start() throws Exception {
        fleet = new LiveFleet(dir);
        results = dir.resolve("results.jsonl");
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void aSeededCampaignRecordsEveryRecoveryAndPasses() throws Exception {
        // Four faults: the fifth restart within 10 minutes would trip the storm guard at its default.
        // A target no recovery here comes near: the test judges recovery, not the machine's speed.
        LiveFleet.Run run = fleet.cli("chaos", "campaign", "--count", "4", "--seed", "11", "--faults", "kill,wedge",
                "--target", "10m", "--out", results.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0).path("record").asText()).isEqualTo("campaign");
        assertThat(lines.get(0).path("seed").asLong()).isEqualTo(11);
        List<JsonNode> events = lines.subList(1, 5);
        long previous = -1;
        for (JsonNode e : events) {
            assertThat(e.path("label").asText()).isEqualTo(WEB);
            assertThat(e.path("recovered").asBoolean()).as(e.toString()).isTrue();
            assertThat(e.path("newPid").asLong()).isNotEqualTo(e.path("oldPid").asLong());
            assertThat(e.path("cause").asText()).isEqualTo(e.path("fault").asText().equals("kill") ? "crash" : "wedge");
            assertThat(e.path("respawnMs").asDouble()).isPositive();
            assertThat(e.path("phasesMs").path("startToPort").asDouble()).isPositive();
            if (previous > 0) {
                assertThat(e.path("oldPid").asLong()).as("each fault hits the instance the last one left").isEqualTo(previous);
            }
            previous = e.path("newPid").asLong();
        }
        JsonNode verdict = lines.get(5);
        assertThat(verdict.path("passed").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("recovered").asInt()).isEqualTo(4);
        assertThat(fleet.view().pid().orElseThrow()).isEqualTo(previous);
        assertThat(verdict.path("targetMs").asDouble()).isEqualTo(600_000.0);
        assertThat(verdict.path("overTarget")).isEmpty();
        assertThat(run.out()).contains("verdict: PASSED\n  4/4 recovered, 0 over the 600 s target, every job READY, "
                + "0 orphans, 0 squatters, 0 duplicates, 0 unprovoked restarts");
    }

    @Test
    void aServerUnderAWrapperTakesTheChildFaultsAndRecoversFromEachAsANewInstance() throws Exception {
        fleet.close();
        fleet = new LiveFleet(dir.resolve("wrapped"), true);
        Path script = Files.writeString(dir.resolve("plan.txt"), WEB + " kill-child\n" + WEB + " wedge-child\n");

        LiveFleet.Run run = fleet.cli("chaos", "campaign", "--script", script.toString(), "--count", "2", "--target",
                "10m", "--out", results.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<JsonNode> events = lines().subList(1, 3);
        assertThat(events).extracting(e -> e.path("fault").asText()).containsExactly("kill-child", "wedge-child");
        assertThat(events).extracting(e -> e.path("cause").asText())
                .as("the wrapper exits when its server dies; a stopped server stops the tree").containsExactly("crash", "wedge");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("recovered").asBoolean()).as(e.toString()).isTrue();
            assertThat(e.path("newPid").asLong()).isNotEqualTo(e.path("oldPid").asLong());
        });
        assertThat(lines().get(3).path("passed").asBoolean()).as(lines().get(3).toString()).isTrue();
        Path wedge = Files.writeString(dir.resolve("wedge.txt"), WEB + " wedge\n");
        LiveFleet.Run refused = fleet.cli("chaos", "campaign", "--script", wedge.toString());
        assertThat(refused.err()).as("a stopped wrapper leaves its server answering: nothing to recover")
                .isEqualTo("launchguard chaos campaign: " + wedge + ":1: target '" + WEB + "' does not take fault 'wedge': "
                        + "it takes kill, kill-child, wedge-child\n");
    }

    @Test
    void aCampaignThatTripsTheStormGuardStopsThereAndFails() throws Exception {
        LiveFleet.Run run = fleet.cli("chaos", "campaign", "--count", "8", "--faults", "kill", "--out", results.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        List<JsonNode> lines = lines();
        assertThat(lines).as("campaign, 5 events, verdict: nothing injected after the quarantine").hasSize(7);
        assertThat(lines.subList(1, 5)).allSatisfy(e -> assertThat(e.path("recovered").asBoolean()).isTrue());
        assertThat(lines.get(5).path("recovered").asBoolean()).isFalse();
        assertThat(lines.get(5).path("error").asText()).isEqualTo("job QUARANTINED: " + Campaign.QUARANTINE_HINT);
        JsonNode verdict = lines.get(6);
        assertThat(verdict.path("events").asInt()).isEqualTo(5);
        assertThat(verdict.path("allReady").asBoolean()).isFalse();
        assertThat(verdict.path("passed").asBoolean()).isFalse();
    }

    @Test
    void aRespawnSlowerThanTheTargetFailsTheCampaignAndIsNamed() throws Exception {
        // No respawn of a real process (a fork, an exec, a listener, a probe) is within a millisecond.
        LiveFleet.Run run = fleet.cli("chaos", "campaign", "--count", "1", "--faults", "kill", "--target", "1ms",
                "--out", results.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode event = lines().get(1);
        JsonNode verdict = lines().get(2);
        assertThat(event.path("recovered").asBoolean()).as(event.toString()).isTrue();
        assertThat(verdict.path("recovered").asInt()).isEqualTo(1);
        assertThat(verdict.path("targetMs").asDouble()).isEqualTo(1.0);
        assertThat(verdict.path("overTarget")).singleElement().satisfies(o -> {
            assertThat(o.path("seq").asInt()).isEqualTo(1);
            assertThat(o.path("label").asText()).isEqualTo(WEB);
            assertThat(o.path("cause").asText()).isEqualTo("crash");
            assertThat(o.path("respawnMs").asDouble()).isEqualTo(event.path("respawnMs").asDouble());
        });
        assertThat(verdict.path("passed").asBoolean()).isFalse();
        assertThat(run.out()).contains("verdict: FAILED: 1 respawn missed the 1 ms target")
                .contains("  over the target: event 1: " + WEB + " kill (crash), respawn ");
    }

    @Test
    void aProcessCarryingTheJobsTagOutsideItsInstanceFailsTheVerdictAsAnOrphan() throws Exception {
        Process stray = fleet.foreign(Map.of("LAUNCHGUARD_JOB", WEB), "/bin/sleep", "600");

        LiveFleet.Run run = fleet.cli("chaos", "campaign", "--count", "1", "--faults", "kill", "--out", results.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode verdict = lines().get(2);
        assertThat(verdict.path("passed").asBoolean()).isFalse();
        assertThat(verdict.path("recovered").asInt()).isEqualTo(1);
        assertThat(verdict.path("orphans")).singleElement().satisfies(o -> {
            assertThat(o.path("pid").asLong()).isEqualTo(stray.pid());
            assertThat(o.path("command").asText()).isEqualTo("/bin/sleep 600");
        });
        assertThat(run.out()).contains("verdict: FAILED").contains("  orphan: " + WEB + " pid " + stray.pid() + ": /bin/sleep 600");
    }

    @Test
    void badUsageIsRefusedBeforeAnyFault() throws Exception {
        long pid = fleet.view().pid().orElseThrow();

        LiveFleet.Run fault = fleet.cli("chaos", "campaign", "--faults", "kill,wegde");
        LiveFleet.Run label = fleet.cli("chaos", "campaign", "--labels", "dev.launchguard.test.wbe");
        LiveFleet.Run modelOnly = fleet.cli("chaos", "campaign", "--faults", "deadlock");
        LiveFleet.Run childOnly = fleet.cli("chaos", "campaign", "--faults", "kill-child");
        Path script = Files.writeString(dir.resolve("plan.txt"), WEB + " kill\n" + WEB + " leak\n");
        LiveFleet.Run scripted = fleet.cli("chaos", "campaign", "--script", script.toString());

        assertThat(fault.exit()).isEqualTo(2);
        assertThat(fault.err()).isEqualTo("launchguard chaos campaign: --faults: fault 'wegde' is unknown (did you mean "
                + "'wedge'?): one of kill, wedge, kill-child, wedge-child, deadlock, poison, leak, exit, supervisor-kill\n");
        assertThat(label.exit()).isEqualTo(2);
        assertThat(label.err()).startsWith("launchguard chaos campaign: --labels: job 'dev.launchguard.test.wbe' is not "
                + "supervised at ").endsWith(" (did you mean '" + WEB + "'?): one of " + WEB + "\n");
        assertThat(modelOnly.exit()).isEqualTo(2);
        assertThat(modelOnly.err()).isEqualTo("launchguard chaos campaign: no target takes any of the faults asked for\n");
        assertThat(childOnly.exit()).as("python serves its own port: no serving child").isEqualTo(2);
        assertThat(childOnly.err()).isEqualTo(modelOnly.err());
        assertThat(scripted.exit()).isEqualTo(2);
        assertThat(scripted.err()).isEqualTo("launchguard chaos campaign: " + script + ":2: target '" + WEB
                + "' does not take fault 'leak': it takes kill, wedge\n");
        assertThat(fleet.view().pid()).as("no fault was injected").hasValue(pid);
        assertThat(Files.exists(dir.resolve("chaos-results.jsonl"))).isFalse();
    }
}
