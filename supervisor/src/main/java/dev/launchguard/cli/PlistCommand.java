package dev.launchguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code launchguard plist}: check, explain and write launchd plists. */
@Command(name = "plist",
        mixinStandardHelpOptions = true,
        description = "Check, explain and write launchd plists.",
        subcommands = {PlistLintCommand.class, PlistExplainCommand.class, PlistGenerateCommand.class})
final class PlistCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: lint, explain or generate");
    }
}
