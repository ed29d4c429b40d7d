package dev.launchguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code launchguard} command line: the composition root for every subcommand.
 *
 * <p>Exit codes are shared by all subcommands: 0 success, 1 the check or action found a problem
 * (lint errors, a job not ready), 2 bad usage or bad input (a file that cannot be read, an unknown
 * option), 3 the job manager failed.
 */
@Command(name = "launchguard",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A self-healing supervisor for services run under launchd.",
        subcommands = {CommandLine.HelpCommand.class, DemoCommand.class, RunCommand.class, StatusCommand.class,
            KickstartCommand.class, DisableCommand.class, EnableCommand.class, DoctorCommand.class, ChaosCommand.class,
            PlistCommand.class, LaunchctlCommand.class, ReportCommand.class, CdsTrainingCommand.class,
            WatchCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the check or action found a problem",
            "2:bad usage or bad input",
            "3:the job manager failed"})
public final class Main implements Runnable {

    /** A check or action found a problem (for example lint errors). */
    public static final int EXIT_PROBLEM = 1;
    /** Bad usage or bad input. */
    public static final int EXIT_USAGE = 2;
    /** The job manager failed. */
    public static final int EXIT_JOB_MANAGER = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process. */
    public static CommandLine commandLine() {
        // picocli's own usage-error exit code is 2, the same as EXIT_USAGE.
        return new CommandLine(new Main());
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
