package dev.launchguard.cli;

import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.LintFinding;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.PlistLinter;
import dev.launchguard.plist.Plists;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code launchguard plist generate}: writes a launchd plist for a program, checked by the linter's rules. */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = "Print a launchd plist for PROGRAM (or write it to --output).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:plist written", "2:bad usage, an invalid label or a relative PROGRAM"})
final class PlistGenerateCommand implements Callable<Integer> {

    @Option(names = "--label", required = true, description = "The job's Label, reverse-DNS (com.example.web).")
    String label;

    @Option(names = "--keepalive", description = "Restart whenever it exits (KeepAlive true).")
    boolean keepAlive;

    @Option(names = "--runatload", description = "Start it when it is loaded (RunAtLoad).")
    boolean runAtLoad;

    @Option(names = "--interval", paramLabel = "SEC", description = "Start it every SEC seconds (StartInterval).")
    Long interval;

    @Option(names = "--throttle", paramLabel = "SEC", description = "Respawn at most every SEC seconds "
            + "(ThrottleInterval; launchd's default is 10).")
    Long throttle;

    @Option(names = "--stdout", paramLabel = "PATH", description = "Append stdout to PATH (StandardOutPath).")
    Path stdout;

    @Option(names = "--stderr", paramLabel = "PATH", description = "Append stderr to PATH (StandardErrorPath).")
    Path stderr;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Working directory (WorkingDirectory).")
    Path workdir;

    @Option(names = "--env", paramLabel = "K=V", description = "An environment variable; repeatable.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--output", paramLabel = "FILE", description = "Write the plist to FILE (atomically) "
            + "instead of printing it.")
    Path output;

    @Parameters(paramLabel = "PROGRAM", arity = "1..*", description = "The program's absolute path, then its "
            + "arguments; put -- before it.")
    List<String> command = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LaunchdJob job = job();
        PrintWriter err = spec.commandLine().getErr();
        List<LintFinding> errors = PlistLinter.check(job, "plist generate").stream()
                .filter(LintFinding::isError).toList();
        if (!errors.isEmpty()) {
            errors.forEach(f -> err.println("launchguard " + f.message()));
            return Main.EXIT_USAGE;
        }
        if (output == null) {
            spec.commandLine().getOut().print(Plists.toXml(job));
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            Plists.write(job, output);
            return 0;
        } catch (PlistException e) {
            err.println("launchguard plist generate: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
    }

    private LaunchdJob job() {
        LaunchdJob job = LaunchdJob.of(label, command).withRunAtLoad(runAtLoad)
                .withKeepAlive(keepAlive ? KeepAlive.forever() : KeepAlive.never())
                .withEnvironmentVariables(env);
        if (interval != null) {
            job = job.withStartInterval(Duration.ofSeconds(interval));
        }
        if (throttle != null) {
            job = job.withThrottleInterval(Duration.ofSeconds(throttle));
        }
        if (stdout != null) {
            job = job.withStandardOutPath(stdout);
        }
        if (stderr != null) {
            job = job.withStandardErrorPath(stderr);
        }
        return workdir == null ? job : job.withWorkingDirectory(workdir);
    }
}
