package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.launchctl.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs {@code launchguard launchctl parse} in-process on the captured fixtures. */
class LaunchctlCommandTest {

    private final InputStream stdin = System.in;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private int run(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static String fixture(String name) {
        return Fixtures.output(name);
    }

    @Test
    void printsARunningServiceAsJsonInAStableKeyOrder() throws Exception {
        int exit = run(fixture("print-gui-macos27-running-keepalive.txt"), "launchctl", "parse", "print");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("label").asText()).isEqualTo("com.sglavoie.ddc-brightnessd");
        assertThat(json.get("state").asText()).isEqualTo("RUNNING");
        assertThat(json.get("pid").asLong()).isEqualTo(1076);
        assertThat(json.get("lastExit").isNull()).isTrue();
        assertThat(json.get("exitTimeoutSeconds").asInt()).isEqualTo(5);
        assertThat(json.get("properties").get(0).asText()).isEqualTo("keepalive");
        assertThat(List.of(json.fieldNames().next(), out.toString().lines().skip(1).findFirst().orElseThrow().strip()))
                .containsExactly("label", "\"label\" : \"com.sglavoie.ddc-brightnessd\",");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsTheExitCodeOfAFinishedIntervalJob() throws Exception {
        run(fixture("print-gui-macos27-not-running-exit1-watchpaths.txt"), "launchctl", "parse", "print");

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("lastExit").get("exitCode").asInt()).isEqualTo(1);
        assertThat(json.get("pid").isNull()).isTrue();
        assertThat(json.get("runs").asInt()).isEqualTo(4);
    }

    @Test
    void printsTheListTableAsAnArray() throws Exception {
        int exit = run(fixture("list-table-2016-grep-exit78.txt"), "launchctl", "parse", "list");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.size()).isEqualTo(6);
        assertThat(json.get(4).get("label").asText()).isEqualTo("homebrew.mxcl.postgresql");
        assertThat(json.get(4).get("pid").isNull()).isTrue();
        assertThat(json.get(4).get("lastExit").get("exitCode").asInt()).isEqualTo(78);
    }

    @Test
    void printsAListLabelDictionaryWithTheDecodedWaitStatus() throws Exception {
        int exit = run(fixture("list-label-system-not-running-exit78-19968.txt"), "launchctl", "parse", "list-label");

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("label").asText()).isEqualTo("org.jenkins-ci");
        assertThat(json.get("lastExitStatus").asInt()).isEqualTo(19968);
        assertThat(json.get("lastExit").get("exitCode").asInt()).isEqualTo(78);
        assertThat(json.get("timeOutSeconds").asInt()).isEqualTo(30);
    }

    @Test
    void rejectsBadInputNamingTheLineAndExits2() {
        int exit = run("PID\tStatus\tLabel\n12\t0\ta.b\n12 zero a.c\n", "launchctl", "parse", "list");

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("launchguard launchctl parse list: stdin is not `launchctl list` "
                + "output: launchctl list output line 3 is not a 'PID Status Label' row (PID a number or '-', "
                + "Status a number): 12 zero a.c");
    }

    @Test
    void rejectsPastedErrorOutputWithItsMeaning() throws Exception {
        int exit = run(fixture("error-print-not-found-gui-2026.txt"), "launchctl", "parse", "print");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("line 2 is launchctl error output", "113: service not found");
    }

    @Test
    void rejectsAnUnknownOutputKind() {
        int exit = run("", "launchctl", "parse", "show");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'show' is not an output launchguard reads: use print, list or list-label");
    }
}
