package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class MainTest {

    @TempDir
    static Path dir;

    /** What one execution printed and returned. */
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome execute(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void daemonCommandsBuildOnlyThemselves() {
        assertThat(Main.commandLine("run", "--config", "x").getSubcommands()).containsOnlyKeys("run");
        assertThat(Main.commandLine("demo").getSubcommands()).containsOnlyKeys("demo");
    }

    @Test
    void otherArgumentsBuildTheWholeTree() {
        assertThat(Main.commandLine("status").getSubcommands()).containsKeys("help", "run", "demo", "status", "plist");
        assertThat(Main.commandLine("--help").getSubcommands()).containsKeys("run", "demo");
        assertThat(Main.commandLine().getSubcommands()).hasSize(19).containsKeys("report", "watch", "logs", "completion", "reset", "snapshot", "init");
    }

    /** Every way of calling a daemon command that ends before it starts one: help, version, usage errors, a bad file. */
    @ParameterizedTest
    @ValueSource(strings = {"run --help", "run -V", "run --bogus", "run extra", "run help", "run --config",
        "run --conf x", "run --config a --config b", "run --help --bogus", "run --config MISSING",
        "demo --help", "demo --version", "demo --port notanumber", "demo --port", "demo --state-dir", "demo --prot 1",
        "demo extra"})
    void daemonCommandPrintsAndExitsAsInTheWholeTree(String line) {
        String[] args = line.replace("MISSING", dir.resolve("missing.yaml").toString()).split(" ");

        Outcome alone = execute(Main.commandLine(args), args);

        assertThat(alone).isEqualTo(execute(Main.commandLine(), args));
    }
}
