package dev.launchguard.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftFileTest {

    @TempDir
    Path dir;

    private List<DriftCheck> load(String yaml) throws IOException {
        Path file = dir.resolve("drift.yaml");
        Files.writeString(file, yaml);
        return new DriftFile(Path.of("/home/op")).load(file);
    }

    private String error(String yaml) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(() -> load(yaml), ConfigException.class).getMessage()
                .replace(dir.toString(), "<dir>");
    }

    @Test
    void readsEveryKindWithDefaultsAndResolvedPaths() throws IOException {
        List<DriftCheck> checks = load("""
                checks:
                  - job: dev.example.model
                  - name: model plist
                    plist: dev.example.model
                  - port: 8080
                    owner: dev.example.model
                  - process: python3
                    count: 2
                  - file: ~/hosts
                    contains: localhost
                  - config: app.json
                    key: server.port
                    equals: 8080
                  - env: dev.example.model
                    variable: MODEL
                    equals: mini
                  - command: [/usr/bin/true, --quiet]
                    timeout: 2s
                """);
        assertThat(checks).containsExactly(
                new DriftCheck.JobLoaded("job dev.example.model", "dev.example.model"),
                new DriftCheck.PlistMatches("model plist", "dev.example.model"),
                new DriftCheck.PortOwned("port 8080", 8080, Optional.of("dev.example.model")),
                new DriftCheck.ProcessCount("process python3", "python3", OptionalInt.of(2)),
                new DriftCheck.FileState("file ~/hosts", Path.of("/home/op/hosts"), Optional.of("localhost"), Optional.empty()),
                new DriftCheck.ConfigValue("config app.json", dir.resolve("app.json"), "server.port", "8080"),
                new DriftCheck.EnvValue("env dev.example.model", "dev.example.model", "MODEL", "mini"),
                new DriftCheck.CommandExits("command /usr/bin/true --quiet", List.of("/usr/bin/true", "--quiet"),
                        Duration.ofSeconds(2)));
    }

    @Test
    void commandTimeoutDefaultsToFiveSeconds() throws IOException {
        assertThat(load("checks:\n  - command: [true]\n")).containsExactly(
                new DriftCheck.CommandExits("command true", List.of("true"), DriftFile.DEFAULT_COMMAND_TIMEOUT));
    }

    @Test
    void rejectsAnUnknownKeyWithTheNearestAllowedOne() {
        assertThat(error("checks:\n  - file: a\n    contain: x\n")).isEqualTo(
                "<dir>/drift.yaml: checks[0].contain: unknown key; allowed: contains, file, name, sha256; did you mean 'contains'?");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() {
        assertThat(error("check: []\n")).startsWith("<dir>/drift.yaml: check: unknown key; allowed: checks");
    }

    @Test
    void rejectsACheckWithTwoKinds() {
        assertThat(error("checks:\n  - file: a\n    job: b\n")).isEqualTo("<dir>/drift.yaml: checks[0]: has job and file; "
                + "each check has exactly one of: job, plist, port, process, file, config, env, command, unwatched");
    }

    @Test
    void rejectsACheckWithNoKind() {
        assertThat(error("checks:\n  - name: x\n")).isEqualTo("<dir>/drift.yaml: checks[0]: has no kind; "
                + "each check has exactly one of: job, plist, port, process, file, config, env, command, unwatched");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThat(error("checks:\n  - port: 70000\n"))
                .isEqualTo("<dir>/drift.yaml: checks[0].port: 70000 must be a whole number from 1 to 65535");
    }

    @Test
    void rejectsADigestThatIsNotSha256Hex() {
        assertThat(error("checks:\n  - file: a\n    sha256: ABC\n")).isEqualTo(
                "<dir>/drift.yaml: checks[0].sha256: 'ABC' must be 64 lower-case hex digits (sha256sum's output)");
    }

    @Test
    void rejectsAConfigFileOfUnknownFormat() {
        assertThat(error("checks:\n  - config: app.ini\n    key: a\n    equals: b\n")).isEqualTo(
                "<dir>/drift.yaml: checks[0].config: 'app.ini' must name a .plist, .json, .yaml or .yml file");
    }

    @Test
    void rejectsAConfigCheckWithoutExpectedValue() {
        assertThat(error("checks:\n  - config: app.json\n    key: a\n"))
                .isEqualTo("<dir>/drift.yaml: checks[0].equals: is missing; write the value expected");
    }

    @Test
    void rejectsAnEnvCheckWithoutVariable() {
        assertThat(error("checks:\n  - env: job\n    equals: b\n"))
                .isEqualTo("<dir>/drift.yaml: checks[0].variable: is missing; an env check needs it");
    }

    @Test
    void rejectsACommandThatIsAShellLine() {
        assertThat(error("checks:\n  - command: true && false\n")).isEqualTo(
                "<dir>/drift.yaml: checks[0].command: 'true && false' must be a non-empty list of strings");
    }

    @Test
    void rejectsTwoChecksWithOneName() {
        assertThat(error("checks:\n  - file: a\n  - file: a\n"))
                .isEqualTo("<dir>/drift.yaml: checks[1].name: 'file a' appears twice; each check needs its own name");
    }

    @Test
    void rejectsAFileWithoutChecks() {
        assertThat(error("{}\n")).isEqualTo("<dir>/drift.yaml: checks: is missing; write a list of checks "
                + "(job, plist, port, process, file, config, env, command, unwatched)");
    }

    @Test
    void rejectsYamlThatIsNotAMapping() {
        assertThatThrownBy(() -> load("- a\n")).hasMessage(dir.resolve("drift.yaml") + ": must be a mapping with a list of 'checks'");
    }

    @Test
    void refusesMoreChecksThanOneDriftFileHolds() {
        assertThat(error("checks:\n" + "  - file: a\n".repeat(DriftFile.MAX_CHECKS + 1))).isEqualTo(
                "<dir>/drift.yaml: checks: 1001 entries are more than the 1000 allowed: a drift file holds at most 1000 checks");
    }

    @Test
    void isHeldToLaunchguardYamlsLimitsAndRefusesAKeyGivenTwice() {
        assertThat(error("checks:\n  - file: /etc/hosts\n    contains: a\n    contains: b\n")).isEqualTo(
                "<dir>/drift.yaml: checks[0].contains: is given twice in one mapping; each key may be given once (YAML "
                        + "would keep only the last)");
        assertThat(error("checks: " + "[".repeat(40) + "]".repeat(40) + "\n")).isEqualTo("<dir>/drift.yaml: checks"
                + "[0]".repeat(31) + ": nests lists and mappings more than 32 deep; a file may nest at most 32");
    }
}
