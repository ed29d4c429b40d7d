package dev.launchguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code launchguard watch}: the watchers, run once from the command line (for a launchd StartInterval job). */
@Command(name = "watch",
        mixinStandardHelpOptions = true,
        description = "Run a watcher once: drift assertions or uptime (see docs/watchers.md).",
        subcommands = {DriftCommand.class, UptimeCommand.class})
final class WatchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: drift or uptime");
    }
}
