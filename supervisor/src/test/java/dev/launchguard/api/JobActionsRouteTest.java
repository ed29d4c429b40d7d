package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.Teardown;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The disable, enable and plist routes of {@link ApiRouter}. */
class JobActionsRouteTest {

    private static final String TOKEN = ApiRouterTest.TOKEN;
    private static final String MODEL = ApiRouterTest.MODEL;

    private final InMemoryFleet fleet = new InMemoryFleet()
            .add(InMemoryFleet.recovered(MODEL, 4242))
            .add(InMemoryFleet.job("com.example.web", HealthState.STOPPED, OptionalLong.empty()));
    private final ApiRouter router = new ApiRouter(fleet, TOKEN);

    private ApiResponse post(String uri, String authorization) {
        return router.route(new ApiRequest("POST", uri, Optional.ofNullable(authorization))).join();
    }

    @Test
    void disableAnswersTheTeardownEvidenceAndTheStoppedJob() {
        ApiResponse response = post("/api/v1/jobs/com.example.model/disable", "Bearer " + TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).startsWith("""
                {"label":"com.example.model","clean":true,"stoppedPids":[4242],"forced":false,"survivors":[],\
                "portsFreed":[8080],"elapsedMs":42.5,"job":{"label":"com.example.model","state":"STOPPED",\
                "since":"2025-03-01T10:01:00Z","pid":null,""");
        assertThat(fleet.disabled()).containsExactly(MODEL);
    }

    @Test
    void aTeardownWithSurvivorsIsReportedNotClean() {
        InMemoryFleet leaky = new InMemoryFleet() {
            @Override
            public CompletableFuture<Teardown> disable(String label) {
                return CompletableFuture.completedFuture(new Teardown(label, List.of(7L, 8L), true, List.of(8L),
                        List.of(), java.time.Duration.ofSeconds(2)));
            }
        }.add(InMemoryFleet.job(MODEL, HealthState.READY, OptionalLong.of(7)));

        ApiResponse response = new ApiRouter(leaky, TOKEN).route(new ApiRequest("POST",
                "/api/v1/jobs/com.example.model/disable", Optional.of("Bearer " + TOKEN))).join();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).startsWith("{\"label\":\"com.example.model\",\"clean\":false,\"stoppedPids\":[7,8],"
                + "\"forced\":true,\"survivors\":[8],\"portsFreed\":[],\"elapsedMs\":2000.0,\"job\":{");
    }

    @Test
    void enableAnswersTheJobAsItIsLoadedAgain() {
        ApiResponse response = post("/api/v1/jobs/com.example.web/enable", "bearer " + TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).startsWith("{\"label\":\"com.example.web\",\"state\":\"STARTING\",");
        assertThat(fleet.enabled()).containsExactly("com.example.web");
    }

    @Test
    void resetAnswers202WithTheJobRecovering() {
        ApiResponse response = post("/api/v1/jobs/com.example.web/reset", "Bearer " + TOKEN);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.bodyText()).startsWith("{\"label\":\"com.example.web\",\"state\":\"RECOVERING\",");
        assertThat(fleet.reset()).containsExactly("com.example.web");
    }

    @Test
    void resetWithAGetIs405() {
        ApiResponse response = router.route(new ApiRequest("GET", "/api/v1/jobs/com.example.web/reset",
                Optional.of("Bearer " + TOKEN))).join();

        assertThat(response.status()).isEqualTo(405);
        assertThat(fleet.reset()).isEmpty();
    }

    @Test
    void disableAndEnableWithoutATokenAre401NamingTheAction() {
        for (String action : List.of("disable", "enable", "reset")) {
            ApiResponse response = post("/api/v1/jobs/com.example.model/" + action, null);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer");
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"" + action + " needs 'Authorization: Bearer <token>' "
                    + "with the token from launchguard's token file\"}");
        }
        assertThat(fleet.disabled()).isEmpty();
        assertThat(fleet.enabled()).isEmpty();
        assertThat(fleet.reset()).isEmpty();
    }

    @Test
    void disableAndEnableWithAWrongTokenAre403() {
        for (String action : List.of("disable", "enable")) {
            ApiResponse response = post("/api/v1/jobs/com.example.model/" + action, "Bearer " + TOKEN + "0");
            assertThat(response.status()).isEqualTo(403);
        }
        assertThat(fleet.disabled()).isEmpty();
        assertThat(fleet.enabled()).isEmpty();
    }

    @Test
    void disableAndEnableOfAnUnknownJobAre404AndOfAnInvalidLabel400() {
        for (String action : List.of("disable", "enable")) {
            ApiResponse unknown = post("/api/v1/jobs/com.example.gone/" + action, "Bearer " + TOKEN);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.bodyText()).isEqualTo("{\"error\":\"job 'com.example.gone' is not watched by launchguard; "
                    + "it watches com.example.model, com.example.web\"}");
            assertThat(post("/api/v1/jobs/bad%3Clabel/" + action, "Bearer " + TOKEN).status()).isEqualTo(400);
        }
        assertThat(fleet.disabled()).isEmpty();
    }

    @Test
    void disableAndEnableAcceptOnlyPost() {
        for (String action : List.of("disable", "enable")) {
            ApiResponse response = router.route(ApiRequest.of("GET", "/api/v1/jobs/com.example.model/" + action)).join();
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.headers()).containsEntry("Allow", "POST");
        }
    }

    @Test
    void aFailedDisableIs500WithTheJobManagerMessage() {
        InMemoryFleet failing = new InMemoryFleet() {
            @Override
            public CompletableFuture<Teardown> disable(String label) {
                return CompletableFuture.failedFuture(new JobManagerException(label, "could not be booted out: exit 5"));
            }

            @Override
            public CompletableFuture<JobView> enable(String label) {
                throw new IllegalStateException("executor shut down");
            }
        }.add(InMemoryFleet.job(MODEL, HealthState.READY, OptionalLong.of(7)));
        ApiRouter failingRouter = new ApiRouter(failing, TOKEN);

        ApiResponse disable = failingRouter.route(new ApiRequest("POST", "/api/v1/jobs/com.example.model/disable",
                Optional.of("Bearer " + TOKEN))).join();
        ApiResponse enable = failingRouter.route(new ApiRequest("POST", "/api/v1/jobs/com.example.model/enable",
                Optional.of("Bearer " + TOKEN))).join();

        assertThat(disable.status()).isEqualTo(500);
        assertThat(disable.bodyText())
                .isEqualTo("{\"error\":\"job 'com.example.model' could not be booted out: exit 5\"}");
        assertThat(enable.status()).isEqualTo(500);
        assertThat(enable.bodyText()).isEqualTo("{\"error\":\"job 'com.example.model' could not be enabled: "
                + "java.lang.IllegalStateException: executor shut down\"}");
    }

    @Test
    void plistShowsTheDigestTakenAtLoadWithoutAToken() {
        fleet.plist(MODEL, new LoadedPlist(Path.of("/Users/ops/Library/LaunchAgents/com.example.model.plist"),
                Optional.of("ab12"), InMemoryFleet.T0, List.of(8080)));

        ApiResponse response = router.route(ApiRequest.of("GET", "/api/v1/jobs/com.example.model/plist")).join();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"label\":\"com.example.model\","
                + "\"path\":\"/Users/ops/Library/LaunchAgents/com.example.model.plist\",\"sha256\":\"ab12\","
                + "\"loadedAt\":\"2025-03-01T10:00:00Z\",\"ports\":[8080]}");
        assertThat(router.route(ApiRequest.of("GET", "/api/v1/jobs/com.example.gone/plist")).join().status())
                .isEqualTo(404);
        assertThat(router.route(ApiRequest.of("POST", "/api/v1/jobs/com.example.model/plist")).join().status())
                .isEqualTo(405);
    }
}
