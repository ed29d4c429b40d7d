package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script in a real bash: it parses, and completes a command from its first letters. */
class CompletionCommandIT {

    @TempDir
    Path dir;

    private record Bash(int exit, String out, String err) {
    }

    private Bash bash(String... args) throws Exception {
        Process bash = new ProcessBuilder(args).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
        return new Bash(bash.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    private Path script() throws Exception {
        CliRun cli = new CliRun();
        assertThat(cli.run("completion", "bash")).isZero();
        assertThat(cli.out()).contains("complete -F _complete_launchguard");
        return Files.writeString(dir.resolve("launchguard.bash"), cli.out(), StandardCharsets.UTF_8);
    }

    @Test
    void theScriptParses() throws Exception {
        Bash check = bash("bash", "-n", script().toString());

        assertThat(check.exit()).as(check.err()).isZero();
    }

    @Test
    void completingStaOffersStatus() throws Exception {
        String test = String.join("\n", List.of(
                "source " + script(),
                "COMP_WORDS=(launchguard sta)",
                "COMP_CWORD=1",
                "COMP_LINE='launchguard sta'",
                "COMP_POINT=${#COMP_LINE}",
                "_complete_launchguard launchguard sta launchguard",
                "printf '%s\\n' \"${COMPREPLY[@]}\""));

        Bash completed = bash("bash", "--norc", "--noprofile", "-c", test);

        assertThat(completed.exit()).as(completed.err()).isZero();
        assertThat(completed.out().lines().map(String::strip).toList()).contains("status").doesNotContain("run");
    }
}
