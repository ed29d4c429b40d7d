package dev.launchguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.launchguard.launchctl.LaunchctlJson;
import dev.launchguard.launchctl.LaunchctlParseException;
import dev.launchguard.launchctl.ListLabelParser;
import dev.launchguard.launchctl.ListTableParser;
import dev.launchguard.launchctl.PrintParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code launchguard launchctl}: tools for launchctl output, so a Mac user can attach readable data to a bug report. */
@Command(name = "launchctl",
        mixinStandardHelpOptions = true,
        description = "Work with launchctl output.",
        subcommands = {LaunchctlCommand.Parse.class})
final class LaunchctlCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The outputs {@code parse} reads, each with its parser and JSON shape. */
    enum Kind {
        PRINT("print", "launchctl print <domain>/<label>", text -> LaunchctlJson.of(PrintParser.parse(text))),
        LIST("list", "launchctl list", text -> LaunchctlJson.of(ListTableParser.parse(text))),
        LIST_LABEL("list-label", "launchctl list <label>", text -> LaunchctlJson.of(ListLabelParser.parse(text)));

        final String argument;
        final String command;
        final Function<String, Object> parse;

        Kind(String argument, String command, Function<String, Object> parse) {
            this.argument = argument;
            this.command = command;
            this.parse = parse;
        }

        @Override
        public String toString() {
            return argument;
        }

        static Kind of(String argument) {
            for (Kind kind : values()) {
                if (kind.argument.equals(argument)) {
                    return kind;
                }
            }
            throw new CommandLine.TypeConversionException(
                    "'" + argument + "' is not an output launchguard reads: use print, list or list-label");
        }
    }

    /** {@code launchguard launchctl parse print|list|list-label}: pasted output on stdin, JSON on stdout. */
    @Command(name = "parse",
            mixinStandardHelpOptions = true,
            description = {"Read pasted launchctl output from stdin and print the parsed status as JSON.",
                "print: `launchctl print gui/501/<label>`; list: `launchctl list`; list-label: `launchctl list <label>`."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:parsed", "2:the input is not that launchctl output (the message names the line)"})
    static final class Parse implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "print|list|list-label", converter = KindConverter.class,
                description = "which launchctl output is on stdin")
        Kind kind;

        @Override
        public Integer call() throws IOException {
            String text = read(System.in);
            try {
                Object json = kind.parse.apply(text);
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                spec.commandLine().getOut().println(mapper.writeValueAsString(json));
                spec.commandLine().getOut().flush();
                return 0;
            } catch (LaunchctlParseException e) {
                spec.commandLine().getErr().println("launchguard launchctl parse " + kind + ": stdin is not `"
                        + kind.command + "` output: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.EXIT_USAGE;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("launchctl parse '" + kind + "' could not write JSON: " + e.getMessage(), e);
            }
        }

        private static String read(InputStream in) throws IOException {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Accepts the hyphenated {@code list-label}, which an enum constant cannot spell. */
    static final class KindConverter implements CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            return Kind.of(value);
        }
    }
}
