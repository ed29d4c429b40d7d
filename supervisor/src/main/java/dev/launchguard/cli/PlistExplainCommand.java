package dev.launchguard.cli;

import dev.launchguard.logging.OneLine;
import dev.launchguard.plist.LintFinding;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.PlistExplainer;
import dev.launchguard.plist.PlistLinter;
import dev.launchguard.plist.Plists;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code launchguard plist explain}: what launchd will do with a job, in plain words, then what lint
 * finds in the file, since a misspelt key changes what launchd does without a word.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        description = {"Say in plain words what launchd will do with a job, and what lint finds in it.",
            "One line each: what runs, when it starts, what restarts it and after how long, how it is stopped, "
                + "where its output goes and which domain it loads into; then what lint finds in the file, "
                + "since launchd ignores a misspelt key without a word (a KeepAlvie, and the job never restarts)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained (even with lint findings, which are printed)",
            "2:bad usage, or the file cannot be read or has a value launchd would refuse (the message names "
                + "the key; launchguard plist lint FILE lists every problem)"})
final class PlistExplainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The plist to explain.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            PlistExplainer.explain(Plists.read(file), file).forEach(out::println);
            lint(out);
            out.flush();
            return 0;
        } catch (PlistException e) {
            spec.commandLine().getErr().println("launchguard plist explain: " + e.getMessage()
                    + " (run launchguard plist lint for every problem)");
            return Main.EXIT_USAGE;
        }
    }

    /** What lint finds in the file itself (not on this host), one line each; one line when nothing. */
    private void lint(PrintWriter out) {
        List<LintFinding> findings = PlistLinter.lint(file, false);
        if (findings.isEmpty()) {
            out.println("Lint: nothing wrong in the file (launchguard plist lint " + file + " also checks this host: "
                    + "the program, the folders, the file's owner and mode).");
        }
        for (LintFinding f : findings) {
            out.println("Lint: " + f.severity().name().toLowerCase(Locale.ROOT) + ": "
                    + (f.keyPath().isEmpty() ? "" : OneLine.of(f.keyPath()) + ": ") + OneLine.of(f.problem()));
        }
    }
}
