package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.api.ApiServer;
import dev.launchguard.api.ApiSettings;
import dev.launchguard.api.InMemoryFleet;
import dev.launchguard.health.HealthState;
import dev.launchguard.job.JobManagerException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code launchguard status} and {@code kickstart} run in-process against a real ApiServer on loopback. */
class ClientCommandsIT {

    @TempDir
    Path state;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final InMemoryFleet fleet = new InMemoryFleet()
            .add(InMemoryFleet.recovered("com.example.model", 4242))
            .add(InMemoryFleet.job("com.example.web", HealthState.READY, OptionalLong.of(77)));
    private ApiServer server;

    @BeforeEach
    void start() {
        server = ApiServer.start(new ApiSettings("127.0.0.1", 0, state, state.resolve("token")), fleet, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void statusFindsTheInstanceThroughTheRuntimeFileAndPrintsATable() {
        int exit = run("status", "--state-dir", state.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo("""
                LABEL              STATE  PID   LAST RESPAWN
                com.example.model  READY  4242  1.75 s
                com.example.web    READY  77    -
                """);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void statusExitsOneWhenAJobIsNotReady() {
        fleet.add(InMemoryFleet.job("com.example.batch", HealthState.QUARANTINED, OptionalLong.empty()));

        int exit = run("status", "--state-dir", state.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("com.example.batch  QUARANTINED  -     -\n");
    }

    @Test
    void statusJsonIsExactlyWhatTheApiReturns() throws Exception {
        String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/jobs")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        int exit = run("status", "--json", "--url", server.url().toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).isEqualTo(api + "\n");
        assertThat(api).startsWith("{\"jobs\":[{\"label\":\"com.example.model\",\"state\":\"READY\",\"since\":");
    }

    @Test
    void statusExitsThreeNamingTheUrlWhenNothingAnswers() throws Exception {
        int port = closedPort();

        int exit = run("status", "--url", "http://127.0.0.1:" + port, "--state-dir", state.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("launchguard status: launchguard is not running at http://127.0.0.1:"
                + port + " (found through --url); start it with 'launchguard run' (or './launchguard demo'): "
                + "nothing listens there (connection refused)" + System.lineSeparator());
        assertThat(err.toString()).doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void statusWithoutARuntimeFileSaysItTriedTheDefaultAddress() throws Exception {
        Path empty = Files.createDirectory(state.resolve("empty"));

        run("status", "--state-dir", empty.toString());

        // Whether or not something listens on 9470 here, the command names where it looked.
        assertThat(out.toString() + err.toString()).satisfiesAnyOf(
                text -> assertThat(text).contains("http://127.0.0.1:9470 (found through the default address (no "
                        + empty.resolve("runtime.json") + "))"),
                text -> assertThat(text).startsWith("LABEL"));
    }

    @Test
    void statusRefusesANonLoopbackUrl() {
        int exit = run("status", "--url", "http://192.0.2.1:9470");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("launchguard status: 'http://192.0.2.1:9470' is not on a loopback address: "
                + "the CLI talks to the launchguard of this machine only (use an SSH tunnel for another)\n");
    }

    @Test
    void kickstartUsesTheTokenFromTheRuntimeFile() {
        int exit = run("kickstart", "com.example.model", "--no-wait", "--state-dir", state.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("kickstart of com.example.model issued in ")
                .endsWith(": state RECOVERING (not waiting for READY)\n");
        assertThat(fleet.kickstarted()).containsExactly("com.example.model");
    }

    @Test
    void aKickstartWhoseJobIsNotReadyInTimeExitsOneSayingWhatItSaw() {
        int exit = run("kickstart", "com.example.model", "--timeout", "300ms", "--state-dir", state.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("launchguard kickstart: com.example.model was not READY within 0.3 s "
                + "(the job's ready budget and a margin; --timeout sets it): it is RECOVERING\n");
        assertThat(fleet.kickstarted()).containsExactly("com.example.model");
    }

    @Test
    void kickstartWithJsonPrintsOneDocumentWithTheOutcome() throws Exception {
        int exit = run("kickstart", "com.example.model", "--timeout", "300ms", "--json", "--state-dir", state.toString());

        assertThat(exit).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString());
        assertThat(answer.path("ok").asBoolean()).isFalse();
        assertThat(answer.path("action").asText()).isEqualTo("kickstart");
        assertThat(answer.path("job").path("state").asText()).isEqualTo("RECOVERING");
        assertThat(answer.path("error").asText()).contains("was not READY within 0.3 s");
    }

    @Test
    void aDisableThatTakesLongerThanASecondSaysWhatItIsWaitingFor() {
        fleet.disableTakes(Duration.ofMillis(1_500));

        int exit = run("disable", "com.example.model", "--state-dir", state.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(err.toString()).startsWith("  waiting for launchguard to disable com.example.model (")
                .contains(": stopping its whole process tree, verified (SIGTERM, then SIGKILL after its ExitTimeOut)\n");
        assertThat(out.toString()).startsWith("disabled com.example.model: teardown verified clean in ");
    }

    @Test
    void kickstartOfAnUnknownJobExitsOne() {
        int exit = run("kickstart", "com.example.gone", "--state-dir", state.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("launchguard kickstart: job 'com.example.gone' is not watched by launchguard; "
                + "it watches com.example.model, com.example.web\n");
    }

    @Test
    void aFailedKickstartExitsOneWithTheApiMessage() {
        fleet.onKickstart(label -> CompletableFuture.failedFuture(new JobManagerException(label, "did not respawn")));

        int exit = run("kickstart", "com.example.web", "--state-dir", state.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("launchguard kickstart: job 'com.example.web' did not respawn\n");
    }

    @Test
    void aTokenThatDoesNotMatchExitsTwo() throws Exception {
        Path other = state.resolve("other-state");
        Files.createDirectory(other);
        Path wrong = Files.writeString(other.resolve("token"), "f".repeat(64) + "\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));

        int exit = run("kickstart", "com.example.web", "--url", server.url().toString(), "--state-dir", other.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("launchguard kickstart: the bearer token does not match launchguard's token file\n");
        assertThat(fleet.kickstarted()).isEmpty();
    }

    @Test
    void aTokenFileReadableByOthersExitsTwoBeforeAnyRequest() throws Exception {
        Files.setPosixFilePermissions(state.resolve("token"), PosixFilePermissions.fromString("rw-r--r--"));

        int exit = run("kickstart", "com.example.web", "--state-dir", state.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("is accessible by group or others (mode 0644)");
        assertThat(fleet.kickstarted()).isEmpty();
    }

    @Test
    void kickstartRejectsAnInvalidLabelLocally() {
        int exit = run("kickstart", "../etc", "--state-dir", state.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("launchguard kickstart: '../etc' is not a job label: use letters, digits, '.', '-' and '_'\n");
    }

    @Test
    void kickstartExitsThreeWhenNothingAnswers() throws Exception {
        int exit = run("kickstart", "com.example.web", "--url", "http://127.0.0.1:" + closedPort(),
                "--state-dir", state.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).startsWith("launchguard kickstart: launchguard is not running at http://127.0.0.1:");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        assertThat(run("status", "--help")).isZero();
        assertThat(run("kickstart", "--help")).isZero();

        assertThat(out.toString()).contains("Exit codes:")
                .contains("0   every job (or the job named) is READY")
                .contains("3   no running launchguard answered at the URL tried")
                .contains("0   the job is READY with a new instance (or, with --no-wait, the kickstart")
                .contains("2   bad usage or input (an invalid label, a token file missing, readable by");
    }
}
