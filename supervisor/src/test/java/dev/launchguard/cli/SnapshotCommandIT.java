package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.api.ApiServer;
import dev.launchguard.api.ApiSettings;
import dev.launchguard.api.InMemoryFleet;
import dev.launchguard.fleet.SnapshotEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code launchguard snapshot} run in-process against a real ApiServer on loopback, with the token. */
class SnapshotCommandIT {

    private static final String MODEL = "com.example.model";
    private static final String OLD = "20261207T170500.000Z-40";
    private static final String LATEST = "20261207T170541.296Z-41";

    @TempDir
    Path state;

    private final CliRun cli = new CliRun();
    private final InMemoryFleet fleet = new InMemoryFleet() {
        @Override
        public CompletableFuture<List<SnapshotEntry>> snapshots(String label) {
            return CompletableFuture.completedFuture(label.equals(MODEL) ? List.of(
                    new SnapshotEntry(LATEST, Instant.parse("2026-12-07T17:05:41.296Z"), "wedge", 41, 900, true),
                    new SnapshotEntry(OLD, Instant.parse("2026-12-07T17:05:00Z"), "manual", 40, 800, true)) : List.of());
        }

        @Override
        public CompletableFuture<Optional<String>> snapshot(String label, String id) {
            return CompletableFuture.completedFuture(label.equals(MODEL) && (id.equals(LATEST) || id.equals(OLD))
                    ? Optional.of(body(id)) : Optional.empty());
        }
    }.add(InMemoryFleet.recovered(MODEL, 4242)).add(InMemoryFleet.recovered("com.example.web", 77));
    private ApiServer server;

    private static String body(String id) {
        return "{\"id\":\"" + id + "\",\"label\":\"" + MODEL + "\",\"pid\":41,\"reason\":\"wedge\",\"evidence\":\"stuck\","
                + "\"at\":\"2026-12-07T17:05:41.296Z\",\"budgetMs\":500,\"elapsedMs\":333,\"complete\":true,"
                + "\"cut\":[],\"notes\":[],\"threadDump\":{\"tool\":\"jcmd\",\"status\":\"done\","
                + "\"text\":\"Found one Java-level deadlock:\"}}";
    }

    @BeforeEach
    void start() {
        server = ApiServer.start(new ApiSettings("127.0.0.1", 0, state, state.resolve("token")), fleet, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void showsTheLatestSnapshotAsTextWithTheTokenFromTheRuntimeFile() {
        int exit = cli.run("snapshot", MODEL, "--state-dir", state.toString());

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).startsWith("Snapshot " + LATEST + " of " + MODEL + " pid 41\n")
                .contains("Thread dump (jcmd, done)\n  Found one Java-level deadlock:\n");
    }

    @Test
    void statusWithEvidenceShowsTheJobThenItsLatestSnapshot() {
        int exit = cli.run("status", MODEL, "--evidence", "--state-dir", state.toString());

        assertThat(cli.err()).doesNotContain("launchguard status:");
        assertThat(cli.out()).contains("\nSnapshot " + LATEST + " of " + MODEL + " pid 41\n")
                .contains("Found one Java-level deadlock:");
        assertThat(cli.out().indexOf(MODEL)).isLessThan(cli.out().indexOf("Snapshot " + LATEST));
        assertThat(exit).isIn(0, 1);
    }

    @Test
    void showsANamedSnapshotAsJson() {
        int exit = cli.run("snapshot", MODEL, OLD, "--json", "--state-dir", state.toString());

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("\"id\" : \"" + OLD + "\"").contains("\"tool\" : \"jcmd\"");
    }

    @Test
    void saysSoWhenAJobHasNoneOrTheIdIsUnknownOrMalformed() {
        assertThat(cli.run("snapshot", "com.example.web", "--state-dir", state.toString())).isEqualTo(1);
        assertThat(cli.run("snapshot", MODEL, "20261207T170541.296Z-99", "--state-dir", state.toString())).isEqualTo(1);
        assertThat(cli.run("snapshot", MODEL, "../token", "--state-dir", state.toString())).isEqualTo(2);

        assertThat(cli.err()).isEqualTo("launchguard snapshot: job 'com.example.web' has no snapshot kept yet\n"
                + "launchguard snapshot: job '" + MODEL + "' has no snapshot '20261207T170541.296Z-99'\n"
                + "launchguard snapshot: '..%2Ftoken' is not a snapshot id (as in 20261207T170512.345Z-4242); see "
                + "/api/v1/jobs/" + MODEL + "/snapshots\n");
        assertThat(cli.out()).isEmpty();
    }
}
