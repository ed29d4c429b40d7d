package dev.launchguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.plist.LintFinding;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.PlistLinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code launchguard plist lint}: every problem of each plist, one line each; exit 1 on errors,
 * 2 when a file cannot be read at all. A folder stands for the {@code *.plist} files directly in it.
 */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        description = {"Check launchd plists (XML or binary) for what launchd would refuse or misread.",
            "Every problem is one line: severity, file, key path, what is wrong, what is allowed. An error is "
                + "something launchd would refuse, misread or fail to run; a warning is a key launchd ignores "
                + "(usually a typo: a did-you-mean follows). A FOLDER stands for the *.plist files directly in "
                + "it. launchguard's own templates (launchd/*.plist, with install placeholders such as @STATE@) "
                + "are linted with --template."},
        footerHeading = "%nExamples:%n",
        footer = {"  launchguard plist lint ~/Library/LaunchAgents",
            "  launchguard plist lint --no-host-checks build/com.example.web.plist",
            "  launchguard plist lint --template launchd launchd/watchers"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:errors found",
            "2:bad usage, or a file cannot be read (the others are still checked)"})
final class PlistLintCommand implements Callable<Integer> {

    private static final String ME = "launchguard plist lint";
    private static final String PLIST_GLOB = "*.plist";

    @Option(names = "--no-host-checks", negatable = false,
            description = "Skip the checks of this host (the program and folders exist, the file's owner and "
                    + "mode), for a plist meant for another machine.")
    boolean noHostChecks;

    @Option(names = "--template", negatable = false,
            description = "Lint launchguard's plist templates (launchd/*.plist): each install placeholder "
                    + "(@JAVA@, @STATE@, ...) is replaced by a typical value, as launchd/install.sh fills it in, "
                    + "and an unknown one is an error. Implies --no-host-checks.")
    boolean template;

    @Option(names = "--json", description = "Print the findings as one JSON object instead: {\"files\": [{\"file\", "
            + "\"findings\": [{\"severity\", \"keyPath\", \"problem\", \"message\"}]}], \"errors\", \"warnings\"}; a file "
            + "that cannot be read has \"unreadable\" instead of findings.")
    boolean json;

    @Parameters(paramLabel = "FILE|FOLDER", arity = "1..*",
            description = "The plists to check; a folder stands for its *.plist files.")
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
        List<Path> plists = new ArrayList<>();
        for (Path file : files) {
            try {
                plists.addAll(expand(file));
            } catch (IOException e) {
                unreadable = true;
                fileNodes.addObject().put("file", file.toString()).put("unreadable", file + ": " + e.getMessage());
                err.println(ME + ": " + file + ": " + e.getMessage());
            }
        }
        int read = 0;
        for (Path file : plists) {
            ObjectNode fileNode = fileNodes.addObject().put("file", file.toString());
            try {
                List<LintFinding> findings = template ? PlistLinter.lintTemplate(file)
                        : PlistLinter.lint(file, !noHostChecks);
                read++;
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
                err.println(ME + ": " + e.getMessage());
            }
        }
        report.put("errors", errors).put("warnings", warnings);
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            out.println(errors + " error(s), " + warnings + " warning(s) in " + read + " file(s)"
                    + (template ? " linted as templates" : "") + (unreadable ? "; see above for what could not be read"
                            : ""));
        }
        out.flush();
        return unreadable ? Main.EXIT_USAGE : errors > 0 ? Main.EXIT_PROBLEM : 0;
    }

    /** {@code path} itself, or the {@code *.plist} files directly in it when it is a folder, sorted by name. */
    private static List<Path> expand(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> plists = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, PLIST_GLOB)) {
            entries.forEach(plists::add);
        } catch (IOException e) {
            throw new IOException("the folder cannot be listed: " + e.getMessage(), e);
        }
        plists.sort(Comparator.comparing(Path::toString));
        if (plists.isEmpty()) {
            throw new IOException("is a folder with no " + PLIST_GLOB + " file in it");
        }
        return plists;
    }

    private static String severity(LintFinding finding) {
        return finding.severity().name().toLowerCase(Locale.ROOT);
    }
}
