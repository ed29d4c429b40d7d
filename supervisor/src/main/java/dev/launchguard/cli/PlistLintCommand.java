package dev.launchguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.plist.LintFinding;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.PlistLinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code launchguard plist lint}: every problem of each plist, one line each; exit 1 on errors,
 * 2 when a file cannot be read at all.
 */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        description = {"Check launchd plists (XML or binary) and report every problem with its file and key.",
            "Unknown keys are warnings; everything else is an error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:errors found", "2:bad usage or a file cannot be read"})
final class PlistLintCommand implements Callable<Integer> {

    @Option(names = "--no-host-checks", negatable = false,
            description = "Skip the checks of this host (program and folders exist, owner and mode), "
                    + "for a plist meant for another machine.")
    boolean noHostChecks;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The plists to check.")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode report = new ObjectMapper().createObjectNode();
        ArrayNode fileNodes = report.putArray("files");
        int errors = 0;
        int warnings = 0;
        boolean unreadable = false;
        for (Path file : files) {
            ObjectNode fileNode = fileNodes.addObject().put("file", file.toString());
            try {
                List<LintFinding> findings = PlistLinter.lint(file, !noHostChecks);
                ArrayNode findingNodes = fileNode.putArray("findings");
                for (LintFinding f : findings) {
                    errors += f.isError() ? 1 : 0;
                    warnings += f.isError() ? 0 : 1;
                    findingNodes.addObject().put("severity", severity(f)).put("keyPath", f.keyPath())
                            .put("problem", f.problem()).put("message", f.message());
                    if (!json) {
                        out.println(severity(f) + ": " + f.message());
                    }
                }
            } catch (PlistException e) {
                unreadable = true;
                fileNode.put("unreadable", e.getMessage());
                err.println("launchguard plist lint: " + e.getMessage());
            }
        }
        report.put("errors", errors).put("warnings", warnings);
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            out.println(errors + " error(s), " + warnings + " warning(s) in " + files.size() + " file(s)");
        }
        out.flush();
        return unreadable ? Main.EXIT_USAGE : errors > 0 ? Main.EXIT_PROBLEM : 0;
    }

    private static String severity(LintFinding finding) {
        return finding.severity().name().toLowerCase(Locale.ROOT);
    }
}
