package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.TestResources;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlistCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private static Path fixture(String name) {
        return TestResources.path("/plist/" + name);
    }

    @Test
    void lintPrintsEachFindingAndExitsOneOnErrors() {
        Path bad = fixture("invalid/dev.lint.keepalive-string.plist");
        Path typo = fixture("invalid/dev.lint.unknown-key.plist");

        int code = run("plist", "lint", "--no-host-checks", bad.toString(), typo.toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.out()).isEqualTo("error: " + bad + ": KeepAlive: expected a boolean (<true/> or "
                + "<false/>) or a dictionary of conditions, got string \"yes\"\n"
                + "warning: " + typo + ": KeepAlvie: is not a launchd.plist(5) key, launchd ignores it (did you mean "
                + "KeepAlive?)\n"
                + "1 error(s), 1 warning(s) in 2 file(s)\n");
    }

    @Test
    void lintExitsZeroOnWarningsOnly() {
        assertThat(run("plist", "lint", "--no-host-checks", fixture("invalid/dev.lint.unknown-key.plist").toString()))
                .isZero();
    }

    @Test
    void lintHostChecksAreOnByDefault() {
        Path missing = fixture("invalid/dev.lint.program-missing.plist");

        assertThat(run("plist", "lint", missing.toString())).isEqualTo(1);
        assertThat(run("plist", "lint", "--no-host-checks", missing.toString())).isZero();
    }

    @Test
    void lintJsonCarriesKeyPathAndCounts() throws Exception {
        Path bad = fixture("invalid/dev.lint.negative-throttle.plist");

        int code = run("plist", "lint", "--json", bad.toString());

        assertThat(code).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(cli.out());
        assertThat(report.get("errors").asInt()).isEqualTo(1);
        assertThat(report.get("warnings").asInt()).isZero();
        JsonNode finding = report.get("files").get(0).get("findings").get(0);
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("keyPath").asText()).isEqualTo("ThrottleInterval");
        assertThat(finding.get("problem").asText()).isEqualTo("-5 is negative; allowed: a whole number of "
                + "seconds, 0 or more (launchd ignores a negative value)");
    }

    @Test
    void lintOfAnUnreadableFileExitsTwo() {
        Path absent = dir.resolve("absent.plist");

        assertThat(run("plist", "lint", absent.toString())).isEqualTo(2);
        assertThat(cli.err()).startsWith("launchguard plist lint: " + absent + ": cannot be read: ");
    }

    @Test
    void theRepositorysLaunchdTemplatesLintCleanWithTemplate() {
        // Maven runs the tests in the module's folder; the repository's launchd/ folder is beside it.
        Path launchd = Path.of("..", "launchd");

        int code = run("plist", "lint", "--template", launchd.toString(), launchd.resolve("watchers").toString());

        assertThat(code).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("0 error(s), 0 warning(s) in 5 file(s) linted as templates\n");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void aTemplateLintedWithoutTemplateSaysHowToLintIt() {
        Path supervisor = Path.of("..", "launchd", "dev.launchguard.supervisor.plist");

        assertThat(run("plist", "lint", supervisor.toString())).isEqualTo(1);
        assertThat(cli.out()).startsWith("error: " + supervisor + ": is a template: launchd/install.sh and launchguard "
                + "demo fill in its install placeholders (@JAVA_HOME@, @LAUNCHGUARD_HOME@, @LOGS@, @STATE@), which "
                + "launchd would take literally; lint it with --template, or lint the plist they write\n");
    }

    @Test
    void aFolderStandsForThePlistsDirectlyInIt() throws Exception {
        Files.copy(fixture("invalid/dev.lint.keepalive-string.plist"), dir.resolve("dev.lint.keepalive-string.plist"));
        Files.copy(fixture("invalid/dev.lint.unknown-key.plist"), dir.resolve("dev.lint.unknown-key.plist"));
        Files.writeString(dir.resolve("README.md"), "not a plist");

        int code = run("plist", "lint", "--no-host-checks", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(cli.out()).contains("error: " + dir.resolve("dev.lint.keepalive-string.plist") + ": KeepAlive: ")
                .contains("warning: " + dir.resolve("dev.lint.unknown-key.plist") + ": KeepAlvie: ")
                .endsWith("1 error(s), 1 warning(s) in 2 file(s)\n");
    }

    @Test
    void aFolderWithoutPlistsIsRefused() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        assertThat(run("plist", "lint", empty.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("launchguard plist lint: " + empty + ": is a folder with no *.plist file in it\n");
        assertThat(cli.out()).isEqualTo("0 error(s), 0 warning(s) in 0 file(s); see above for what could not be read\n");
    }

    @Test
    void explainPrintsThePlainWordsOfTheJob() {
        Path web = fixture("valid/com.example.web.plist");

        assertThat(run("plist", "explain", web.toString())).isZero();

        assertThat(cli.out()).contains("Restarts: whenever it exits, for any reason (KeepAlive true).\n"
                + "Throttle: launchd starts it at most once every 30 s (ThrottleInterval 30): a run shorter than 30 s "
                + "is respawned only after the rest of the 30 s has passed")
                .contains("Output: stdout is appended to /usr/local/var/log/web.out.log");
    }

    @Test
    void explainEndsWithWhatLintFindsSoAMisspeltKeyIsNotMissed() {
        Path typo = fixture("invalid/dev.lint.unknown-key.plist");
        Path web = fixture("valid/com.example.web.plist");

        assertThat(run("plist", "explain", typo.toString())).isZero();
        assertThat(cli.out()).contains("Restarts: never: launchd does not start it again when it exits (no KeepAlive).")
                .endsWith("\nLint: warning: KeepAlvie: is not a launchd.plist(5) key, launchd ignores it (did you mean "
                        + "KeepAlive?)\n");

        CliRun clean = new CliRun();
        assertThat(clean.run("plist", "explain", web.toString())).isZero();
        assertThat(clean.out()).endsWith("\nLint: nothing wrong in the file (launchguard plist lint " + web + " also "
                + "checks this host: the program, the folders, the file's owner and mode).\n");
    }

    @Test
    void explainOfAnInvalidPlistExitsTwo() {
        Path bad = fixture("invalid/dev.lint.keepalive-string.plist");

        assertThat(run("plist", "explain", bad.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("launchguard plist explain: " + bad + ": KeepAlive: expected a boolean "
                + "(<true/> or <false/>) or a dictionary of conditions, got string \"yes\" (run launchguard plist "
                + "lint for every problem)\n");
    }

    @Test
    void generatePrintsAPlistThatReadsBackWithEveryOption() {
        int code = run("plist", "generate", "--label", "com.example.web", "--keepalive", "--runatload",
                "--interval", "60", "--throttle", "30", "--stdout", "/var/log/web.out", "--stderr", "/var/log/web.err",
                "--workdir", "/srv/web", "--env", "PORT=8080", "--env", "MODE=prod", "--",
                "/usr/local/bin/web", "--port", "8080");

        assertThat(code).isZero();
        LaunchdJob job = Plists.parse(cli.out().getBytes(java.nio.charset.StandardCharsets.UTF_8), "stdout");
        assertThat(job.label()).isEqualTo("com.example.web");
        assertThat(job.argv()).containsExactly("/usr/local/bin/web", "--port", "8080");
        assertThat(job.keepAlive().always()).isTrue();
        assertThat(job.runAtLoad()).isTrue();
        assertThat(job.startInterval()).contains(Duration.ofSeconds(60));
        assertThat(job.throttleInterval()).contains(Duration.ofSeconds(30));
        assertThat(job.standardOutPath()).contains(Path.of("/var/log/web.out"));
        assertThat(job.standardErrorPath()).contains(Path.of("/var/log/web.err"));
        assertThat(job.workingDirectory()).contains(Path.of("/srv/web"));
        assertThat(job.environmentVariables()).containsExactly(Map.entry("PORT", "8080"), Map.entry("MODE", "prod"));
    }

    @Test
    void generateWritesOutputFile() throws Exception {
        Path file = dir.resolve("com.example.web.plist");

        assertThat(run("plist", "generate", "--label", "com.example.web", "--output", file.toString(), "--",
                "/bin/sleep", "60")).isZero();

        assertThat(cli.out()).isEmpty();
        assertThat(Plists.read(file).argv()).containsExactly("/bin/sleep", "60");
        assertThat(Files.readString(file)).startsWith("<?xml");
    }

    @Test
    void generateRefusesABadLabelAndARelativeProgramWithExitTwo() {
        int code = run("plist", "generate", "--label", "web", "--", "bin/web");

        assertThat(code).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEqualTo("launchguard plist generate: Label: \"web\" is not in reverse-DNS form; "
                + "allowed: two or more dot-separated names of letters, digits, '-', '_' or '@', such as "
                + "com.example.web\n"
                + "launchguard plist generate: ProgramArguments[0]: \"bin/web\" is not an absolute path; allowed: a "
                + "path starting with / (launchd expands neither ~ nor $VARIABLES, and starts jobs in / with a "
                + "minimal PATH)\n");
    }

    @Test
    void generateWithoutProgramIsAUsageError() {
        assertThat(run("plist", "generate", "--label", "com.example.web")).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required parameter: 'PROGRAM'");
    }
}
