package dev.launchguard.plist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dd.plist.PropertyListParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One invalid fixture per lint rule, each asserting the exact message and that it is the only finding. */
class PlistLinterTest {

    private static final String TYPE_BOOLEAN = "a boolean (<true/> or <false/>)";

    @TempDir
    Path dir;

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("dev.lint.broken-xml", "", "is not valid XML: line 8, column 19: The element type \"string\" "
                        + "must be terminated by the matching end-tag \"</string>\"."),
                rule("dev.lint.missing-label", "Label", "is missing; launchd requires a Label naming the job "
                        + "uniquely, in reverse-DNS form such as com.example.web"),
                rule("dev.lint.no-program", "Program", "neither Program nor ProgramArguments is set; allowed: "
                        + "Program with the executable's absolute path, or ProgramArguments starting with it"),
                rule("dev.lint.empty-arguments", "ProgramArguments", "is an empty array and Program is not set; "
                        + "allowed: an array starting with the executable's absolute path"),
                rule("dev.lint.relative-program", "ProgramArguments[0]", "\"bin/server\" is not an absolute path; "
                        + "allowed: a path starting with / (launchd expands neither ~ nor $VARIABLES, and starts "
                        + "jobs in / with a minimal PATH)"),
                rule("dev.lint.keepalive-string", "KeepAlive", "expected " + TYPE_BOOLEAN + " or a dictionary "
                        + "of conditions, got string \"yes\""),
                rule("dev.lint.throttle-string", "ThrottleInterval", "expected an integer number of seconds, got "
                        + "string \"30\""),
                rule("dev.lint.environment-integer", "EnvironmentVariables.PORT", "expected a string, got integer "
                        + "8080"),
                rule("dev.lint.watchpaths-string", "WatchPaths", "expected an array of strings, got string "
                        + "\"/etc/hosts\""),
                rule("dev.lint.zero-interval", "StartInterval", "0 is not positive; allowed: a whole number of "
                        + "seconds, 1 or more"),
                rule("dev.lint.negative-throttle", "ThrottleInterval", "-5 is negative; allowed: a whole number "
                        + "of seconds, 0 or more (launchd ignores a negative value)"),
                rule("web", "Label", "\"web\" is not in reverse-DNS form; allowed: two or more dot-separated names "
                        + "of letters, digits, '-', '_' or '@', such as com.example.web"),
                rule("dev.lint.renamed", "Label", "\"dev.lint.original\" does not match the file name "
                        + "dev.lint.renamed.plist; allowed: a file named dev.lint.original.plist"),
                warning("dev.lint.unknown-key", "KeepAlvie", "is not a launchd.plist(5) key, launchd ignores it "
                        + "(did you mean KeepAlive?)"),
                warning("dev.lint.keepalive-unknown-condition", "KeepAlive.SucessfulExit", "is not a KeepAlive "
                        + "condition, launchd ignores it (did you mean SuccessfulExit?); allowed: SuccessfulExit, "
                        + "Crashed, PathState, OtherJobEnabled, NetworkState, AfterInitialDemand"),
                warning("dev.lint.resource-limit-unknown", "SoftResourceLimits.NumberOfFile", "is not a resource "
                        + "limit, launchd ignores it (did you mean NumberOfFiles?); allowed: Core, CPU, Data, "
                        + "FileSize, MemoryLock, NumberOfFiles, NumberOfProcesses, ResidentSetSize, Stack"),
                rule("dev.lint.calendar-unknown-field", "StartCalendarInterval.Hours", "is not a calendar field "
                        + "(did you mean Hour?); allowed: Minute, Hour, Day, Weekday, Month"),
                rule("dev.lint.calendar-out-of-range", "StartCalendarInterval[1].Hour", "24 is out of range; "
                        + "allowed: 0 to 23"),
                rule("dev.lint.nice-out-of-range", "Nice", "30 is out of range; allowed: -20 to 20"),
                rule("dev.lint.process-type", "ProcessType", "\"Fast\" is not allowed; allowed: Background, "
                        + "Standard, Adaptive, Interactive"),
                rule("dev.lint.session-type", "LimitLoadToSessionType", "\"aqua\" is not allowed (did you mean "
                        + "Aqua? keys are case-sensitive); allowed: Aqua, StandardIO, Background, LoginWindow, "
                        + "System"),
                rule("dev.lint.relative-log", "StandardOutPath", "\"~/Library/Logs/web.log\" is not an absolute "
                        + "path; allowed: a path starting with / (launchd expands neither ~ nor $VARIABLES, and "
                        + "starts jobs in / with a minimal PATH)"),
                rule("dev.lint.program-missing", "Program", "\"/nonexistent/bin/server\" does not exist on this "
                        + "host; allowed: an existing executable file"),
                rule("dev.lint.program-not-executable", "Program", "\"/etc/passwd\" is not an executable file "
                        + "(mode 0644); allowed: a file with execute permission (chmod +x)"),
                rule("dev.lint.log-folder-missing", "StandardErrorPath", "folder \"/nonexistent/logs\" does not "
                        + "exist on this host; allowed: a file in an existing folder (launchd creates the file, not "
                        + "its folder)"),
                rule("dev.lint.workdir-missing", "WorkingDirectory", "\"/nonexistent/work\" is not an existing "
                        + "folder on this host; allowed: an existing folder"),
                rule("dev.lint.ports-string", "LaunchguardPorts", "expected an array of port numbers, integers 1 to "
                        + "65535, got string \"18082\""),
                rule("dev.lint.ports-out-of-range", "LaunchguardPorts[1]", "integer 70000 is not a port number; "
                        + "allowed: an integer 1 to 65535"),
                warning("dev.lint.ports-misspelled", "LaunchguardPort", "is not one of launchguard's own keys "
                        + "(LaunchguardPorts) nor a launchd.plist(5) key, launchd ignores it (did you mean "
                        + "LaunchguardPorts?)"),
                rule("dev.lint.template", "", "is a template: launchd/install.sh and launchguard demo fill in its "
                        + "install placeholders (@JAVA@), which launchd would take literally; lint it with --template, "
                        + "or lint the plist they write"));
    }

    private static Arguments rule(String name, String keyPath, String problem) {
        return Arguments.of(name, LintFinding.Severity.ERROR, keyPath, problem);
    }

    private static Arguments warning(String name, String keyPath, String problem) {
        return Arguments.of(name, LintFinding.Severity.WARNING, keyPath, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachInvalidFixtureHasExactlyItsOwnFinding(String name, LintFinding.Severity severity, String keyPath,
            String problem) {
        Path file = Fixtures.invalid(name + ".plist");

        List<LintFinding> findings = PlistLinter.lint(file, true);

        assertThat(findings).containsExactly(new LintFinding(severity, file.toString(), keyPath, problem));
        String expected = keyPath.isEmpty() ? file + ": " + problem : file + ": " + keyPath + ": " + problem;
        assertThat(findings.get(0).message()).isEqualTo(expected);
    }

    /** Every rule but broken XML, which has no binary form. */
    static Stream<Arguments> binaryRules() {
        return rules().filter(a -> !a.get()[0].equals("dev.lint.broken-xml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryRules")
    void binaryPlistsLintLikeXml(String name, LintFinding.Severity severity, String keyPath, String problem)
            throws Exception {
        Path binary = dir.resolve(name + ".plist");
        PropertyListParser.saveAsBinary(PropertyListParser.parse(Fixtures.invalid(name + ".plist")), binary.toFile());

        assertThat(Files.readAllBytes(binary)).startsWith("bplist00".getBytes());
        assertThat(PlistLinter.lint(binary, true))
                .containsExactly(new LintFinding(severity, binary.toString(), keyPath, problem));
    }

    @Test
    void collectsEveryProblemOfAFileNotJustTheFirst() {
        byte[] xml = PlistsTest.plist("<key>Label</key><string>web</string><key>KeepAlive</key><string>yes</string>"
                + "<key>ThrottleInterval</key><integer>-1</integer><key>KeepAlvie</key><true/>");

        List<LintFinding> findings = PlistLinter.lint(write("web.plist", xml), false);

        assertThat(findings).extracting(LintFinding::keyPath)
                .containsExactly("KeepAlive", "KeepAlvie", "Label", "Program", "ThrottleInterval");
        assertThat(findings).filteredOn(LintFinding::isError).hasSize(4);
    }

    @Test
    void hostChecksAreSkippedOnRequest() {
        assertThat(PlistLinter.lint(Fixtures.invalid("dev.lint.program-missing.plist"), false)).isEmpty();
        assertThat(PlistLinter.lint(Fixtures.invalid("dev.lint.log-folder-missing.plist"), false)).isEmpty();
    }

    @Test
    void validPlistWarnsOnlyAboutItsCustomKeys() {
        Path file = Fixtures.valid("com.example.full.plist");

        assertThat(PlistLinter.lint(file, false)).extracting(LintFinding::message).containsExactly(
                file + ": X-Deployed: is not a launchd.plist(5) key, launchd ignores it",
                file + ": X-Checksum: is not a launchd.plist(5) key, launchd ignores it",
                file + ": X-Weight: is not a launchd.plist(5) key, launchd ignores it");
    }

    @Test
    void groupWritablePlistIsAnError() throws Exception {
        Path file = dir.resolve("dev.lint.owner-mode.plist");
        Files.copy(Fixtures.invalid("dev.lint.owner-mode.plist"), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

        assertThat(PlistLinter.lint(file, true)).extracting(LintFinding::message).containsExactly(file
                + ": mode 0664 is group- or world-writable; allowed: writable by its owner only, such as 0644 "
                + "(launchd refuses the file)");
    }

    @Test
    void userAgentOwnedBySomeoneElseIsAnError() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Path agents = Files.createDirectories(dir.resolve("home/Library/LaunchAgents"));
        Path file = agents.resolve("dev.lint.owner-mode.plist");
        Files.copy(Fixtures.invalid("dev.lint.owner-mode.plist"), file);
        Files.setAttribute(file, "unix:uid", 4242);

        assertThat(PlistLinter.lint(file, true)).extracting(LintFinding::message).containsExactly(file
                + ": is owned by uid 4242; allowed: owned by uid 0, the owner of " + dir.resolve("home")
                + ", as launchd demands for a user's LaunchAgents");
        assertThat(PlistLinter.lint(file, false)).isEmpty();
    }

    @Test
    void unreadableFileIsNotAFinding() {
        assertThatThrownBy(() -> PlistLinter.lint(dir.resolve("absent.plist"), true))
                .isInstanceOf(PlistException.class);
    }

    @Test
    void suggestsTheNearestDocumentedKeyOnlyWhenNear() {
        assertThat(Suggestions.didYouMean("KeepAlvie", PlistKeys.allDocumented())).isEqualTo(" (did you mean KeepAlive?)");
        assertThat(Suggestions.didYouMean("Lable", PlistKeys.allDocumented())).isEqualTo(" (did you mean Label?)");
        assertThat(Suggestions.didYouMean("runatload", PlistKeys.allDocumented()))
                .isEqualTo(" (did you mean RunAtLoad? keys are case-sensitive)");
        assertThat(Suggestions.didYouMean("X-Deployed", PlistKeys.allDocumented())).isEmpty();
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
