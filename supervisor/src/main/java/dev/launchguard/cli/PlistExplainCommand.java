package dev.launchguard.cli;

import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.PlistExplainer;
import dev.launchguard.plist.Plists;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code launchguard plist explain}: what launchd will do with a job, in plain words. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        description = "Say in plain words what launchd will do with a job: when it starts, what restarts it and "
                + "after how long, how it is stopped, where its output goes, which domain it loads into.")
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
            out.flush();
            return 0;
        } catch (PlistException e) {
            spec.commandLine().getErr().println("launchguard plist explain: " + e.getMessage()
                    + " (run launchguard plist lint for every problem)");
            return Main.EXIT_USAGE;
        }
    }
}
