package dev.launchguard.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.launchguard.engine.EmbeddedJobManager;
import dev.launchguard.strays.StrayWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orphans and squatters found every cycle by the stray watcher inside a real launchguard, and
 * reaping: off, both stay; on, the orphan (tagged with the job, this launchguard and a stale run) is
 * killed and the squatter (a foreign listener on the job's port) is left alone. A process another
 * launchguard started for a job of the same label is neither reported nor killed.
 */
class StraysIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static boolean lists(JsonNode report, String array, long pid) {
        return StreamSupport.stream(report.path(array).spliterator(), false).anyMatch(n -> n.path("pid").asLong() == pid);
    }

    private static String strays(boolean reap) {
        return "watchers:\n  strays: { interval: 200ms, reap: " + reap + " }\n";
    }

    @Test
    void reportsAnOrphanAndASquatterAndReapsOnlyTheOrphanOnceReapingIsOn() throws Exception {
        try (WatchFleet fleet = new WatchFleet(dir, strays(false))) {
            String owner = ((EmbeddedJobManager) fleet.launchguard.jobs()).owner();
            Process orphan = fleet.foreign(Map.of("LAUNCHGUARD_JOB", fleet.label, "LAUNCHGUARD_INSTANCE", "stale-run",
                    "LAUNCHGUARD_OWNER", owner), "/bin/sleep", "300");
            Process theirs = fleet.foreign(Map.of("LAUNCHGUARD_JOB", fleet.label, "LAUNCHGUARD_INSTANCE", "their-run",
                    "LAUNCHGUARD_OWNER", dir.resolve("another/state/engine").toString()), "/bin/sleep", "300");
            Process squatter = fleet.foreign(Map.of(), "/usr/bin/python3", "-m", "http.server",
                    String.valueOf(fleet.sparePort), "--bind", "127.0.0.1", "--directory", dir.toString());

            JsonNode seen = await().atMost(WAIT).until(() -> fleet.json("/api/v1/strays"), r -> r != null
                    && lists(r, "orphans", orphan.pid()) && lists(r, "squatters", squatter.pid()));
            JsonNode squat = StreamSupport.stream(seen.path("squatters").spliterator(), false)
                    .filter(n -> n.path("pid").asLong() == squatter.pid()).findFirst().orElseThrow();
            assertThat(squat.path("port").asInt()).isEqualTo(fleet.sparePort);
            assertThat(squat.path("label").asText()).isEqualTo(fleet.label);
            assertThat(fleet.get("/metrics").body())
                    .contains("launchguard_orphans{label=\"" + fleet.label + "\"} 1.0")
                    .contains("launchguard_squatters{label=\"" + fleet.label + "\"} 1.0");

            // Reaping off: cycles well past the point where reaping would act leave both running.
            Instant past = Instant.now().plus(StrayWatch.REAP_AFTER).plusSeconds(1);
            JsonNode later = await().atMost(WAIT).until(() -> fleet.json("/api/v1/strays"),
                    r -> r != null && Instant.parse(r.path("at").asText()).isAfter(past));
            assertThat(later.path("reap").asBoolean()).isFalse();
            assertThat(later.path("reaped")).isEmpty();
            assertThat(orphan.isAlive()).isTrue();
            assertThat(squatter.isAlive()).isTrue();

            fleet.writeConfig(strays(true));
            assertThat(fleet.launchguard.reload(fleet.config)).isTrue();

            await().atMost(WAIT).until(() -> !orphan.isAlive());
            JsonNode reaped = await().atMost(WAIT).until(() -> fleet.json("/api/v1/strays"),
                    r -> r != null && lists(r, "reaped", orphan.pid()));
            JsonNode evidence = reaped.path("reaped").get(0);
            assertThat(evidence.path("instance").asText()).isEqualTo("stale-run");
            assertThat(evidence.path("command").asText()).isEqualTo("/bin/sleep 300");
            assertThat(evidence.path("why").asText()).contains(fleet.label).contains(String.valueOf(orphan.pid()));
            Instant after = Instant.now();
            JsonNode next = await().atMost(WAIT).until(() -> fleet.json("/api/v1/strays"),
                    r -> r != null && Instant.parse(r.path("at").asText()).isAfter(after));
            assertThat(lists(next, "orphans", orphan.pid())).isFalse();
            assertThat(lists(next, "squatters", squatter.pid())).isTrue();
            assertThat(squatter.isAlive()).isTrue();
            assertThat(lists(next, "orphans", theirs.pid())).as("another launchguard's process reported").isFalse();
            assertThat(theirs.isAlive()).as("another launchguard's process left alone").isTrue();
            assertThat(fleet.get("/metrics").body())
                    .contains("launchguard_orphans_reaped_total{label=\"" + fleet.label + "\"} 1.0")
                    .contains("launchguard_orphans{label=\"" + fleet.label + "\"} 0.0");
            assertThat(fleet.launchguard.supervisor().job(fleet.label).orElseThrow().pid()).isPresent();
        }
    }
}
