package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class RunCommandTest {

    @TempDir
    Path dir;

    private static Optional<Path> plain(String line) {
        return RunCommand.plainConfig(Arrays.asList(line.split(" ")), Optional.empty());
    }

    @Test
    void plainFormsNameTheFilePicocliWould() {
        assertThat(plain("run")).contains(Path.of("launchguard.yaml"));
        assertThat(plain("run --config /etc/lg.yaml")).contains(Path.of("/etc/lg.yaml"));
        assertThat(plain("run --config=/etc/lg.yaml")).contains(Path.of("/etc/lg.yaml"));
        assertThat(RunCommand.plainConfig(List.of("run", "--config", "my fleet.yaml"), Optional.empty()))
                .contains(Path.of("my fleet.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run --help", "run -h", "run -V", "run --config", "run --config=", "run --config -h",
        "run --config=-h", "run --config @args", "run --config=@args", "run @args", "run --config a --config b",
        "run --config a extra", "run extra", "run -x", "Run", "demo", "status", "--help", "help run", "-V run"})
    void everythingElseGoesThroughPicocli(String line) {
        assertThat(plain(line)).isEmpty();
    }

    @Test
    void picocliSettingsGoThroughPicocli() {
        assertThat(RunCommand.plainConfig(List.of("run"), Optional.of("picocli.trace"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run --config MISSING", "run --config=MISSING"})
    void aPlainRunPrintsAndExitsAsThroughPicocli(String line) {
        String[] args = line.replace("MISSING", dir.resolve("missing.yaml").toString()).split(" ");
        StringWriter plainOut = new StringWriter();
        StringWriter plainErr = new StringWriter();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int plainCode = RunCommand.run(plain(String.join(" ", args)).orElseThrow(), new PrintWriter(plainOut),
                new PrintWriter(plainErr));

        assertThat(plainCode).isEqualTo(cli.execute(args)).isEqualTo(Main.EXIT_USAGE);
        assertThat(plainOut.toString()).isEqualTo(out.toString());
        assertThat(plainErr.toString()).isEqualTo(err.toString()).contains("missing.yaml: cannot be read");
    }
}
