package dev.launchguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.job.Signal;
import dev.launchguard.plist.KeepAlive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine in its own JVM, killed with SIGKILL and started again: it adopts, never duplicates. */
class EngineRestartIT {

    private static final Duration START_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path plists;
    @TempDir
    Path state;
    @TempDir
    Path logs;

    private final String service = TestJobs.label("adopt-service");
    private final String tree = TestJobs.label("adopt-tree");
    private Process engine;

    @AfterEach
    void stop() throws InterruptedException {
        if (engine != null && engine.isAlive()) {
            engine.destroyForcibly().waitFor();
        }
        assertThat(TestJobs.killTagged(List.of(service, tree))).as("processes left behind").isEmpty();
    }

    @Test
    void engineKilledWithSigkillAdoptsItsJobsOnRestartWithoutDuplicates() throws Exception {
        TestJobs.write(plists, TestJobs.sh(service, "exec sleep 600")
                .withKeepAlive(KeepAlive.forever()).withThrottleInterval(Duration.ofSeconds(1)));
        TestJobs.write(plists, TestJobs.sh(tree, "sleep 601 & exec sleep 602").withRunAtLoad(true));
        Map<String, Long> pids = startEngine(0);
        await().atMost(START_WAIT).until(() -> TestJobs.tagged(tree).size() == 2);
        Set<Long> before = taggedPids();
        assertThat(before).hasSize(3);

        for (int restart = 1; restart <= 20; restart++) {
            engine.destroyForcibly().waitFor();
            Map<String, Long> adopted = startEngine(restart);

            assertThat(adopted).as("restart %d", restart).isEqualTo(pids);
            assertThat(taggedPids()).as("restart %d: no duplicate, nothing lost", restart).isEqualTo(before);
        }

        // The adopted instance is watched: killing it makes the engine respawn it (KeepAlive).
        TestJobs.signal(pids.get(service), Signal.KILL);
        await().atMost(START_WAIT).until(() -> TestJobs.tagged(service).stream()
                .anyMatch(p -> p.pid() != pids.get(service)));
        assertThat(TestJobs.tagged(service)).hasSize(1);

        engine.destroy();
        assertThat(engine.waitFor(30, TimeUnit.SECONDS)).as("engine stops on SIGTERM").isTrue();
        assertThat(taggedPids()).as("SIGTERM boots every job out").isEmpty();
    }

    private Set<Long> taggedPids() {
        Set<Long> pids = new java.util.TreeSet<>();
        TestJobs.tagged(service).forEach(p -> pids.add(p.pid()));
        TestJobs.tagged(tree).forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /** Starts EngineMain in a new JVM and returns the PID it reports per job once it is ready. */
    private Map<String, Long> startEngine(int generation) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        engine = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xmx96m", "-cp",
                System.getProperty("java.class.path"), EngineMain.class.getName(), plists.toString(),
                state.toString())
                .redirectError(logs.resolve("engine-" + generation + ".log").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> readUntilReady(out))
                .get(START_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Map<String, Long> readUntilReady(BufferedReader out) {
        Map<String, Long> pids = new HashMap<>();
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("ready")) {
                    return pids;
                }
                if (line.startsWith("job ")) {
                    String[] parts = line.split(" ");
                    pids.put(parts[1], Long.parseLong(parts[2].substring("pid=".length())));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("engine output cannot be read", e);
        }
        throw new IllegalStateException("engine exited before it was ready");
    }
}
