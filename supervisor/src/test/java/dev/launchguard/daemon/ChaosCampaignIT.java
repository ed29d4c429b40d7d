package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.cli.Main;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A scripted chaos campaign with every fault kind against launchguard run as operators run it (its
 * own process): the model server's own faults, signals to both jobs, and a SIGKILL of launchguard
 * that the campaign restarts, as launchd's KeepAlive would. Every event must recover, the jobs must
 * be adopted across the launchguard restart, and the final check must find nothing left behind.
 */
class ChaosCampaignIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Fleet fleet;
    private Process first;
    private final String model = Fleet.label("campaign.model");
    private final String web = Fleet.label("campaign.web");
    private final int modelPort = Fleet.freePort();
    private final int webPort = Fleet.freePort();
    private final int apiPort = Fleet.freePort();

    @AfterEach
    void stop() throws Exception {
        // The launchguard running now may be one the campaign started: find it by its runtime file.
        OptionalLong current = runtimePid();
        if (current.isPresent()) {
            ProcessHandle.of(current.getAsLong()).ifPresent(ProcessHandle::destroy);
            await().atMost(Duration.ofSeconds(60)).until(() -> ProcessHandle.of(current.getAsLong())
                    .map(h -> !h.isAlive()).orElse(true));
        }
        if (first != null && first.isAlive()) {
            first.destroyForcibly().waitFor();
        }
        assertThat(Fleet.killLeftovers(List.of(model, web))).as("processes left behind").isEmpty();
    }

    @Test
    void everyFaultKindRecoversAndLaunchguardRestartedMidCampaignAdoptsItsJobs() throws Exception {
        fleet = new Fleet(dir);
        String storm = "    storm: {maxRestarts: 100, window: 10m}\n";
        fleet.add(fleet.modelServer(model, modelPort, 2), Fleet.modelProbes(modelPort) + storm);
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok");
        fleet.add(LaunchdJob.of(web, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(webPort), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withThrottleInterval(Duration.ofSeconds(1)),
                "    liveness: http://127.0.0.1:" + webPort + "/\n" + storm);
        fleet.top("hostRestartBudget: {restarts: 100, window: 1m}");
        Path config = fleet.writeConfig(apiPort);
        first = new ProcessBuilder(Fleet.java(), "-jar", Fleet.launchguardJar().toString(), "run", "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(fleet.logs.resolve("launchguard-1.log").toFile()).start();
        long firstPid = first.pid();
        try {
            await().atMost(START).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                JsonNode jobs = JSON.readTree(Fleet.get("http://127.0.0.1:" + apiPort + "/api/v1/jobs").body())
                        .path("jobs");
                return runtimePid().isPresent() && jobs.size() == 2
                        && jobs.findValuesAsText("state").stream().allMatch("READY"::equals);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the fleet was not READY within " + START.toSeconds() + " s; launchguard's log:\n"
                    + Files.readString(fleet.logs.resolve("launchguard-1.log")), e);
        }
        Path script = Files.writeString(dir.resolve("plan.txt"), String.join("\n",
                web + " kill", model + " deadlock", web + " wedge", model + " poison", "launchguard supervisor-kill",
                model + " leak", model + " exit", model + " kill", model + " wedge", web + " kill") + "\n");
        Path results = dir.resolve("results.jsonl");

        Run run = campaign("--script", script.toString(), "--count", "10", "--restart-launchguard",
                "--event-timeout", "PT90S", "--out", results.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0).path("order").asText()).isEqualTo("scripted");
        List<JsonNode> events = lines.subList(1, 11);
        assertThat(events).extracting(e -> e.path("fault").asText()).containsExactly("kill", "deadlock", "wedge", "poison",
                "supervisor-kill", "leak", "exit", "kill", "wedge", "kill");
        assertThat(events).allSatisfy(e -> assertThat(e.path("recovered").asBoolean()).as(e.toString()).isTrue());
        assertThat(events).filteredOn(e -> !e.path("label").asText().equals("launchguard"))
                .allSatisfy(e -> assertThat(e.path("newPid").asLong()).isNotEqualTo(e.path("oldPid").asLong()));
        assertThat(events.get(1).path("cause").asText()).as("a deadlock is judged a wedge").isEqualTo("wedge");
        assertThat(events.get(3).path("cause").asText()).as("poison kills the process: a crash").isEqualTo("crash");
        JsonNode restart = events.get(4);
        assertThat(restart.path("label").asText()).isEqualTo("launchguard");
        assertThat(restart.path("oldPid").asLong()).isEqualTo(firstPid);
        assertThat(restart.path("newPid").asLong()).isNotEqualTo(firstPid).isEqualTo(runtimePid().orElseThrow());
        assertThat(events.get(5).path("oldPid").asLong()).as("the model instance from before the restart, adopted")
                .isEqualTo(events.get(3).path("newPid").asLong());
        JsonNode verdict = lines.get(11);
        assertThat(verdict.path("passed").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(Fleet.tagged(model)).as("one model instance").hasSize(1);
    }

    private OptionalLong runtimePid() throws IOException {
        Path file = fleet == null ? null : fleet.stateDir.resolve("runtime.json");
        if (file == null || !Files.exists(file)) {
            return OptionalLong.empty();
        }
        long pid = JSON.readTree(Files.readString(file)).path("pid").asLong();
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run campaign(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        // A target no recovery here comes near: these tests judge recovery and what is left behind, not speed.
        List<String> all = new ArrayList<>(List.of("chaos", "campaign", "--state-dir", fleet.stateDir.toString(),
                "--target", "10m"));
        all.addAll(List.of(args));
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
