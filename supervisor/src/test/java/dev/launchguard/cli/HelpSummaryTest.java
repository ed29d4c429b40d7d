package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpSummaryTest {

    @Test
    void everyCommandsSummaryIsOneWholeSentence() {
        List<String> bad = new ArrayList<>();
        walk(Main.commandLine(), bad);

        assertThat(bad).as("summaries (the first description line) that are not one whole sentence").isEmpty();
    }

    @Test
    void theTopLevelHelpListsEverySubcommandWithItsWholeSummary() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();

        // picocli wraps the column wherever it likes (even inside "docs/watchers.md"): compare without whitespace.
        String help = out.toString().replaceAll("\\s+", "");
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            String summary = summary(sub.getCommandSpec());
            assertThat(summary).as(sub.getCommandName()).endsWith(".");
            assertThat(help).as(sub.getCommandName()).contains((sub.getCommandName() + summary).replaceAll("\\s+", ""));
        }
    }

    /** What picocli lists for a command under its parent: the header's first line, else the description's. */
    private static String summary(CommandLine.Model.CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] description = spec.usageMessage().description();
        return header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
    }

    private static void walk(CommandLine command, List<String> bad) {
        for (CommandLine sub : command.getSubcommands().values()) {
            String summary = summary(sub.getCommandSpec()).strip();
            String name = sub.getCommandSpec().qualifiedName();
            if (summary.isEmpty() || !summary.endsWith(".") || !Character.isUpperCase(summary.charAt(0))) {
                bad.add(name + ": \"" + summary + "\"");
            }
            walk(sub, bad);
        }
    }
}
