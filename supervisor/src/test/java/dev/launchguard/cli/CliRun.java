package dev.launchguard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code launchguard} command line in-process and keeps what it printed. */
final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The exit code of {@code launchguard ARGS...}. */
    int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** Everything printed to stdout so far. */
    String out() {
        return out.toString();
    }

    /** Everything printed to stderr so far. */
    String err() {
        return err.toString();
    }
}
