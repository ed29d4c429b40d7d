package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.SnapshotEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SnapshotRoutesTest {

    private static final String MODEL = ApiRouterTest.MODEL;
    private static final String ID = "20261207T170512.345Z-41";
    private static final String BODY = "{\"id\":\"" + ID + "\",\"threadDump\":{\"text\":\"Found one Java-level deadlock\"}}";

    private final List<String> asked = new ArrayList<>();
    private final InMemoryFleet fleet = new InMemoryFleet() {
        @Override
        public CompletableFuture<List<SnapshotEntry>> snapshots(String label) {
            asked.add(label);
            return CompletableFuture.completedFuture(List.of(
                    new SnapshotEntry(ID, Instant.parse("2026-12-07T17:05:12.345Z"), "wedge", 41, 1234, true)));
        }

        @Override
        public CompletableFuture<Optional<String>> snapshot(String label, String id) {
            asked.add(label + "/" + id);
            return CompletableFuture.completedFuture(id.equals(ID) ? Optional.of(BODY) : Optional.empty());
        }
    }.add(InMemoryFleet.recovered(MODEL, 4242));
    private final ApiRouter router = new ApiRouter(fleet, ApiRouterTest.TOKEN);

    private ApiResponse get(String uri, String token) {
        return router.route(new ApiRequest("GET", uri, Optional.ofNullable(token).map(t -> "Bearer " + t))).join();
    }

    @Test
    void refusesWithoutTheTokenAndReadsNothing() {
        ApiResponse missing = get("/api/v1/jobs/" + MODEL + "/snapshots", null);
        ApiResponse wrong = get("/api/v1/jobs/" + MODEL + "/snapshots/" + ID, "f".repeat(32));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.bodyText()).contains("reading a job's snapshots needs 'Authorization: Bearer <token>'");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(asked).isEmpty();
    }

    @Test
    void listsTheJobsSnapshotsWithTheToken() {
        ApiResponse response = get("/api/v1/jobs/" + MODEL + "/snapshots", ApiRouterTest.TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"label\":\"" + MODEL + "\",\"snapshots\":[{\"id\":\"" + ID
                + "\",\"at\":\"2026-12-07T17:05:12.345Z\",\"reason\":\"wedge\",\"pid\":41,\"bytes\":1234,"
                + "\"complete\":true}]}");
    }

    @Test
    void servesOneSnapshotWholeAnd404sAnUnknownOne() {
        ApiResponse one = get("/api/v1/jobs/" + MODEL + "/snapshots/" + ID, ApiRouterTest.TOKEN);
        ApiResponse unknown = get("/api/v1/jobs/" + MODEL + "/snapshots/20261207T170512.345Z-99", ApiRouterTest.TOKEN);
        ApiResponse job = get("/api/v1/jobs/com.example.nope/snapshots", ApiRouterTest.TOKEN);

        assertThat(one.status()).isEqualTo(200);
        assertThat(one.contentType()).isEqualTo("application/json");
        assertThat(one.bodyText()).isEqualTo(BODY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.bodyText()).contains("has no snapshot '20261207T170512.345Z-99'");
        assertThat(job.status()).isEqualTo(404);
    }

    @Test
    void refusesAnIdThatIsNotOneWithoutAskingTheFleet() {
        ApiResponse traversal = get("/api/v1/jobs/" + MODEL + "/snapshots/..%2F..%2Ftoken", ApiRouterTest.TOKEN);
        ApiResponse dots = get("/api/v1/jobs/" + MODEL + "/snapshots/..", ApiRouterTest.TOKEN);
        ApiResponse post = router.route(new ApiRequest("POST", "/api/v1/jobs/" + MODEL + "/snapshots",
                Optional.of("Bearer " + ApiRouterTest.TOKEN))).join();

        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.bodyText()).contains("is not a snapshot id");
        assertThat(dots.status()).isEqualTo(400);
        assertThat(post.status()).isEqualTo(405);
        assertThat(asked).isEmpty();
    }
}
