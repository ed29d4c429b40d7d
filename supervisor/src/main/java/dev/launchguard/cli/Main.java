package dev.launchguard.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code launchguard} command line: the composition root for every subcommand.
 *
 * <p>Exit codes are shared by all subcommands: 0 success, 1 the check or action found a problem
 * (lint errors, a job not ready), 2 bad usage or bad input (a file that cannot be read, an unknown
 * option), 3 the job manager failed, 4 ({@code run}, {@code demo}) another launchguard uses the state
 * folder.
 */
@Command(name = "launchguard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A self-healing supervisor for services run under launchd.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the check or action found a problem",
            "2:bad usage or bad input",
            "3:the job manager failed",
            "4:another launchguard runs on the state folder (run, demo)"})
public final class Main implements Runnable {

    /** A check or action found a problem (for example lint errors). */
    public static final int EXIT_PROBLEM = 1;
    /** Bad usage or bad input. */
    public static final int EXIT_USAGE = 2;
    /** The job manager failed. */
    public static final int EXIT_JOB_MANAGER = 3;
    /** Another launchguard holds the state folder's lock ({@code run}, {@code demo}). */
    public static final int EXIT_IN_USE = 4;

    /** Every subcommand, in the order the usage help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class, DemoCommand.class,
            RunCommand.class, StatusCommand.class, LogsCommand.class, KickstartCommand.class, DisableCommand.class, EnableCommand.class,
            ResetCommand.class,
            DoctorCommand.class, ChaosCommand.class, PlistCommand.class, LaunchctlCommand.class, ReportCommand.class,
            WatchCommand.class, CdsTrainingCommand.class, CompletionCommand.class,
            SnapshotCommand.class, InitCommand.class);
    /**
     * The long-running commands, whose start-up is measured (docs/benchmarks.md, footprint): picocli
     * builds a command's model by reflection, and the whole tree of about 40 commands took a
     * quarter of the 1.2 s cold start, so these build only themselves under the root.
     */
    private static final Set<Class<?>> DAEMONS = Set.of(RunCommand.class, DemoCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Optional<Path> plainRun = RunCommand.plainConfig(List.of(args), System.getProperties().stringPropertyNames()
                .stream().filter(name -> name.startsWith("picocli.")).findAny());
        System.exit(plainRun.map(Main::runWithoutPicocli).orElseGet(() -> commandLine(args).execute(args)));
    }

    /**
     * {@code run} in a plain form, on the same stdout and stderr writers picocli would hand it; an
     * unexpected exception is printed and exits 1, as picocli's default handler does.
     */
    private static int runWithoutPicocli(Path config) {
        PrintWriter err = printWriter(System.err, "sun.stderr.encoding");
        try {
            return RunCommand.run(config, printWriter(System.out, "sun.stdout.encoding"), err);
        } catch (RuntimeException e) {
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    /** picocli's default writer: buffered, auto-flushing, in the console's encoding when the JVM knows it. */
    private static PrintWriter printWriter(OutputStream stream, String encodingProperty) {
        Charset charset = Charset.defaultCharset();
        String encoding = System.getProperty(encodingProperty);
        if (encoding != null) {
            try {
                charset = Charset.forName("cp65001".equalsIgnoreCase(encoding) ? "UTF-8" : encoding);
            } catch (IllegalArgumentException e) {
                // an unknown name: the default charset, as picocli falls back to
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** The configured command line with every subcommand; tests run it in-process. */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: when they name a daemon command ({@code run}, {@code demo})
     * only that one is built under the root. Its parsing, help and errors are the same as in the full
     * tree, because a subcommand parses everything after its name and never consults its siblings.
     */
    static CommandLine commandLine(String... args) {
        if (args.length > 0) {
            for (Class<?> daemon : DAEMONS) {
                if (daemon.getAnnotation(Command.class).name().equals(args[0])) {
                    return withSubcommands(List.of(daemon));
                }
            }
        }
        return commandLine();
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        // picocli's own usage-error exit code is 2, the same as EXIT_USAGE.
        CommandLine commandLine = new CommandLine(new Main());
        for (Class<?> subcommand : subcommands) {
            commandLine.addSubcommand(subcommand);
        }
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version from the jar manifest (the Maven project version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"launchguard " + (version == null ? "(development build)" : version)};
        }
    }
}
