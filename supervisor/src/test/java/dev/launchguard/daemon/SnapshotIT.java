package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.RestartRecord;
import dev.launchguard.health.HealthState;
import dev.launchguard.recovery.RestartReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence kept at a restart, end to end: the sample model server (a real JVM) deadlocked by its
 * chaos fault, judged wedged by a real launchguard, and snapshotted before the kill, its jcmd thread
 * dump naming the deadlock.
 */
class SnapshotIT {

    /** Generous: the host's two cores are shared, and a model server JVM needs seconds to start. */
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Fleet fleet;
    private final String model = Fleet.label("model");
    private final int port = Fleet.freePort();

    @AfterEach
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void deadlockedModelServerLeavesItsJavaDeadlockInTheKeptSnapshot() throws Exception {
        fleet = new Fleet(dir);
        // A budget well above jcmd's ~250 ms here: the test checks what is kept, not how fast a loaded
        // two-core machine attaches (SnapshotterIT checks the cut at the budget).
        fleet.top("snapshot:\n  budget: 5s");
        fleet.add(fleet.modelServer(model, port, 0), Fleet.modelProbes(port));
        fleet.start();
        await().atMost(START).until(() -> fleet.view(model).state() == HealthState.READY);
        long old = fleet.view(model).pid().orElseThrow();

        Fleet.fault(port, "deadlock");

        await().atMost(START).until(() -> fleet.view(model).respawns().size() == 1
                && fleet.view(model).state() == HealthState.READY);
        JobView view = fleet.view(model);
        RestartRecord restart = view.restarts().get(0);
        assertThat(restart.reason()).isEqualTo(RestartReason.WEDGE);
        String id = restart.snapshot().orElseThrow();
        Path file = fleet.stateDir.resolve("snapshots").resolve(model).resolve(id + ".json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode s = new ObjectMapper().readTree(file.toFile());
        assertThat(s.path("pid").asLong()).isEqualTo(old);
        assertThat(s.path("reason").asText()).isEqualTo("wedge");
        assertThat(s.path("evidence").asText()).isEqualTo(restart.evidence());
        assertThat(s.path("threadDump").path("tool").asText()).isEqualTo("jcmd");
        assertThat(s.path("threadDump").path("status").asText()).isEqualTo("done");
        assertThat(s.path("threadDump").path("text").asText()).contains("Found one Java-level deadlock");
        assertThat(s.path("threads").size()).isGreaterThan(5);
        assertThat(s.path("process").path("rssBytes").asLong()).isPositive();
        assertThat(s.path("logs").path("stdout").path("path").asText()).endsWith(model + ".log");
        assertThat(fleet.launchguard.supervisor().snapshots(model).get()).singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(id));
    }
}
