package dev.launchguard.hermetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.hermetic.Hermetic.Proc;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * launchguard as a container's PID 1 on the embedded engine: it reaps the zombies a job's children
 * leave behind, and after a chaos campaign the container's process table is exactly launchguard
 * plus the current instance of each job it reports, nothing else (docs/testing.md).
 *
 * <p>The container has no network but its own loopback; launchguard's and the model server's jars
 * are bound in read-only from this build, the fleet's plists and configuration from a temporary folder.
 */
class LaunchguardAsPid1IT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ETC = "/etc/launchguard";
    private static final String STATE = "/var/lib/launchguard";
    private static final String JAR = "/opt/launchguard/launchguard.jar";
    private static final String MODEL_JAR = "/opt/launchguard/sample-model-server.jar";
    private static final String MODEL = "dev.launchguard.pid1.model";
    private static final String WEB = "dev.launchguard.pid1.web";
    private static final String FORKER = "dev.launchguard.pid1.forker";
    /** Grandchildren the forker leaves to PID 1: enough that unreaped zombies could not go unseen. */
    private static final int ORPHANS = 150;

    @TempDir
    Path dir;

    private GenericContainer<?> container;

    @BeforeEach
    void engine() {
        Hermetic.requireEngineAndImage();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    void reapsTheZombiesOfChildrenThatOutliveTheirParents() throws Exception {
        start(List.of(forker(), web()), """
                  - label: %s
                    liveness: { tcp: "127.0.0.1:18083" }
                """.formatted(FORKER) + webProbes());
        Path ps = Path.of(ETC, "ps.py");
        AtomicInteger mostZombies = new AtomicInteger();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            mostZombies.accumulateAndGet((int) Hermetic.processes(container, ps).stream().filter(Proc::zombie).count(),
                    Math::max);
            return made() >= ORPHANS;
        });

        // The forker now sleeps: every zombie left is an orphan's, and only PID 1 can reap it.
        List<Proc> left = awaitExactTable(ps, Set.of(FORKER, WEB));
        assertThat(left).noneMatch(Proc::zombie);
        assertThat(mostZombies.get()).as("zombies seen at once while %d orphans ended", ORPHANS).isLessThan(ORPHANS / 3);
    }

    @Test
    void aHundredEventCampaignEndsWithExactlyTheProcessesLaunchguardReports() throws Exception {
        start(List.of(model(), web()), """
                  - label: %s
                    storm: { maxRestarts: 1000, window: 10m }
                    startup: { http: "http://127.0.0.1:18081/v2/health/ready", budget: 2m }
                    liveness:
                      http: http://127.0.0.1:18081/v1/embeddings
                      body: '{"model":"all-minilm-l6-v2","input":"ping"}'
                      interval: 500ms
                      timeout: 400ms
                      failureThreshold: 3
                """.formatted(MODEL) + webProbes());

        String out = Hermetic.exec(container, "java", "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR, "chaos", "campaign", "--state-dir", STATE, "--count", "100", "--seed", "1",
                "--faults", "kill,wedge,kill-child,wedge-child,deadlock,poison,leak,exit",
                // The target is beyond any recovery's bound: the test judges recovery, not a machine's speed.
                "--event-timeout", "2m", "--target", "10m", "--out", "/tmp/campaign.jsonl");
        System.out.println(out); // the campaign's summary, kept in the failsafe report as the run's evidence
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Hermetic.exec(container, "cat", "/tmp/campaign.jsonl").split("\n")) {
            lines.add(JSON.readTree(line));
        }
        JsonNode verdict = lines.get(lines.size() - 1);
        assertThat(verdict.path("passed").asBoolean()).as(out + verdict).isTrue();
        assertThat(verdict.path("recovered").asInt()).isEqualTo(100);
        Map<String, Long> faults = lines.stream().filter(l -> l.has("fault"))
                .collect(Collectors.groupingBy(l -> l.path("fault").asText(), TreeMap::new, Collectors.counting()));
        assertThat(faults.keySet()).as("faults injected: %s", faults)
                .contains("kill", "wedge", "kill-child", "wedge-child", "deadlock", "poison", "exit");

        awaitExactTable(Path.of(ETC, "ps.py"), Set.of(MODEL, WEB));
    }

    /**
     * Waits (bounded) until the container's process table is exactly PID 1, launchguard, plus each
     * job's current instance: the process whose PID launchguard reports for the job and every
     * process carrying that instance's tag. Returns that table; on a timeout the failure names
     * the processes nobody accounts for.
     */
    private List<Proc> awaitExactTable(Path ps, Set<String> labels) {
        AtomicReference<String> lastDiff = new AtomicReference<>("(no table read yet)");
        AtomicReference<List<Proc>> table = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                List<Proc> processes = Hermetic.processes(container, ps);
                lastDiff.set(unaccounted(processes, jobs(), labels));
                table.set(processes);
                return lastDiff.get().isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            fail("the process table never matched what launchguard reports within 30 s; last difference:\n"
                    + lastDiff.get() + "\ntable:\n" + (table.get() == null ? "(none read)"
                    : table.get().stream().map(Proc::toString).collect(Collectors.joining("\n")))
                    + "\nlaunchguard's log (last lines):\n" + Hermetic.tail(container.getLogs(), 100));
        }
        return table.get();
    }

    /** What does not match; empty when the table is exactly what launchguard reports. */
    private static String unaccounted(List<Proc> processes, Map<String, JsonNode> jobs, Set<String> labels) {
        Map<Long, Proc> byPid = new HashMap<>();
        processes.forEach(p -> byPid.put(p.pid(), p));
        List<String> problems = new ArrayList<>();
        Proc init = byPid.get(1L);
        if (init == null || !init.argv().contains(JAR)) {
            problems.add("PID 1 is not launchguard: " + init);
        }
        if (!jobs.keySet().equals(labels)) {
            problems.add("launchguard reports jobs " + jobs.keySet() + ", not " + labels);
        }
        Map<String, String> instances = new HashMap<>();
        jobs.forEach((label, job) -> {
            if (!job.path("state").asText().equals("READY")) {
                problems.add(label + " is " + job.path("state").asText() + ", not READY");
            }
            Proc main = byPid.get(job.path("pid").asLong());
            if (main == null || !main.job().equals(label) || main.instance().isEmpty()) {
                problems.add(label + ": launchguard reports pid " + job.path("pid") + ", the table has " + main);
            } else {
                instances.put(label, main.instance());
            }
        });
        for (Proc p : processes) {
            boolean current = !p.job().isEmpty() && p.instance().equals(instances.get(p.job()));
            if (p.pid() != 1 && !current) {
                problems.add("unaccounted: " + p);
            }
            if (p.zombie()) {
                problems.add("zombie: " + p);
            }
        }
        return String.join("\n", problems);
    }

    /** The jobs launchguard reports, by label, from its API inside the container. */
    private Map<String, JsonNode> jobs() throws IOException, InterruptedException {
        JsonNode root = JSON.readTree(Hermetic.exec(container, "python3", "-c",
                "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:9470/api/v1/jobs', timeout=10).read().decode())"));
        Map<String, JsonNode> jobs = new TreeMap<>();
        root.path("jobs").forEach(j -> jobs.put(j.path("label").asText(), j));
        return jobs;
    }

    private int made() throws IOException, InterruptedException {
        var result = container.execInContainer("cat", "/tmp/forker.count");
        return result.getExitCode() == 0 ? Integer.parseInt(result.getStdout().trim()) : 0;
    }

    private static String webProbes() {
        return """
                  - label: %s
                    storm: { maxRestarts: 1000, window: 10m }
                    liveness: { http: "http://127.0.0.1:18082/", interval: 500ms, timeout: 400ms, failureThreshold: 3 }
                """.formatted(WEB);
    }

    /** The sample model server with its fault modes on, sized to die of a leak within seconds. */
    private static LaunchdJob model() {
        return LaunchdJob.of(MODEL, List.of("/usr/bin/java", "-XX:+ExitOnOutOfMemoryError", "-Xmx256m",
                        "-XX:+UseSerialGC", "-jar", MODEL_JAR, "--port", "18081", "--warmup", "2", "--drain-timeout", "2s",
                        "--chaos"))
                .withEnvironmentVariables(Map.of("ORT_DISABLE_TELEMETRY", "1", "OPT_OUT_TRACKING", "true"))
                .withExtraKeys(Map.of("LaunchguardPorts", List.of(18081)));
    }

    /** A static site served by a child of a wrapper that waits for it, as npm start does. */
    private static LaunchdJob web() {
        return LaunchdJob.of(WEB, List.of("/usr/bin/python3", ETC + "/wrapper.py", "/usr/bin/python3", "-m", "http.server",
                        "18082", "--bind", "127.0.0.1", "--directory", ETC + "/www"))
                .withExtraKeys(Map.of("LaunchguardPorts", List.of(18082)));
    }

    private static LaunchdJob forker() {
        return LaunchdJob.of(FORKER, List.of("/usr/bin/python3", ETC + "/forker.py", String.valueOf(ORPHANS),
                "/tmp/forker.count", "18083"));
    }

    /** Writes the fleet and starts launchguard as PID 1; returns once its API answers. */
    private void start(List<LaunchdJob> plists, String jobsYaml) throws IOException {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path plistDir = Files.createDirectories(etc.resolve("plists"));
        for (LaunchdJob job : plists) {
            Plists.write(job.withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                    .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(3)), plistDir.resolve(job.label() + ".plist"));
        }
        Files.createDirectories(etc.resolve("www"));
        Files.writeString(etc.resolve("www/index.html"), "ok");
        Hermetic.resource("hermetic/ps.py", etc);
        Hermetic.resource("hermetic/forker.py", etc);
        Hermetic.resource("wrapper.py", etc);
        Files.writeString(etc.resolve("launchguard.yaml"), """
                listen: 127.0.0.1:9470
                plists: %s/plists
                engine: embedded
                stateDir: %s
                hostRestartBudget: { restarts: 1000, window: 1m }
                jobs:
                """.formatted(ETC, STATE) + jobsYaml);
        container = Hermetic.container()
                .withNetworkMode("none")
                .withFileSystemBind(etc.toString(), ETC, BindMode.READ_ONLY)
                .withFileSystemBind(Path.of(System.getProperty("launchguard.jar")).toString(), JAR, BindMode.READ_ONLY)
                .withFileSystemBind(Path.of(System.getProperty("launchguard.model.jar")).toString(), MODEL_JAR,
                        BindMode.READ_ONLY)
                .withEnv("LAUNCHGUARD_LOG_LEVEL", System.getProperty("launchguard.hermetic.log", "info"))
                .withCommand("java", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR,
                        "run", "--config", ETC + "/launchguard.yaml")
                .waitingFor(Wait.forLogMessage(".*launchguard started engine=embedded.*\\n", 1).withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            Map<String, JsonNode> jobs = jobs();
            return jobs.size() == plists.size() && jobs.values().stream().allMatch(j -> j.path("state").asText().equals("READY"));
        });
    }
}
