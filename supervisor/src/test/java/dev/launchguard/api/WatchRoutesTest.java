package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.drift.DriftReport;
import dev.launchguard.drift.DriftResult;
import dev.launchguard.strays.StrayReport;
import dev.launchguard.uptime.UptimeReport;
import dev.launchguard.watch.WatchState;
import dev.launchguard.watch.WatchView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchRoutesTest {

    private static final DriftReport REPORT = new DriftReport(Instant.parse("2026-12-01T10:00:00Z"), Duration.ofMillis(12),
            List.of(new DriftResult("model loaded", "job", false, "job 'dev.example.model' is loaded but STOPPED")),
            Optional.empty());

    private static ApiResponse get(WatchView watchers, String path) {
        return new ApiRouter(new InMemoryFleet(), watchers, ApiRouterTest.TOKEN)
                .route(new ApiRequest("GET", path, Optional.of("Bearer " + ApiRouterTest.TOKEN))).join();
    }

    /** Only drift configured, in the given state. */
    private static WatchView drift(WatchState<DriftReport> state) {
        return new WatchView() {
            @Override
            public WatchState<DriftReport> drift() {
                return state;
            }

            @Override
            public WatchState<UptimeReport> uptime() {
                return WatchState.off();
            }

            @Override
            public WatchState<StrayReport> strays() {
                return WatchState.off();
            }
        };
    }

    @Test
    void aWatchersReportNeedsTheToken() {
        ApiRouter router = new ApiRouter(new InMemoryFleet(), drift(new WatchState<>(true, Optional.of(REPORT),
                Optional.empty())), ApiRouterTest.TOKEN);

        ApiResponse none = router.route(ApiRequest.of("GET", "/api/v1/drift")).join();
        ApiResponse wrong = router.route(new ApiRequest("GET", "/api/v1/drift", Optional.of("Bearer nope"))).join();

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.bodyText()).isEqualTo("{\"error\":\"reading /api/v1/drift needs 'Authorization: Bearer <token>' "
                + "with the token from launchguard's token file\"}");
        assertThat(wrong.status()).isEqualTo(403);
    }

    @Test
    void answersTheLatestDriftRunWithTheToken() {
        ApiResponse response = get(drift(new WatchState<>(true, Optional.of(REPORT), Optional.empty())), "/api/v1/drift");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"at\":\"2026-12-01T10:00:00Z\",\"elapsedMs\":12.0,\"passed\":0,"
                + "\"failed\":1,\"results\":[{\"check\":\"model loaded\",\"kind\":\"job\",\"ok\":false,\"detail\":"
                + "\"job 'dev.example.model' is loaded but STOPPED\"}],\"fileError\":null}");
    }

    @Test
    void aWatcherThatIsNotConfiguredAnswers404SayingWhatToSet() {
        ApiResponse response = get(WatchView.NONE, "/api/v1/drift");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"the drift watcher is not configured; set "
                + "watchers.drift.file in launchguard.yaml (docs/watchers.md)\"}");
    }

    @Test
    void aConfiguredWatcherWithoutARunAnswers503() {
        ApiResponse response = get(drift(new WatchState<>(true, Optional.empty(), Optional.empty())), "/api/v1/drift");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).isEqualTo("{\"error\":\"the drift watcher has not finished its first run yet; "
                + "ask again after its interval\"}");
    }

    @Test
    void writesAreRefusedWith405() {
        ApiResponse response = new ApiRouter(new InMemoryFleet(), WatchView.NONE, ApiRouterTest.TOKEN)
                .route(new ApiRequest("POST", "/api/v1/strays", Optional.of("Bearer " + ApiRouterTest.TOKEN))).join();

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET");
    }
}
