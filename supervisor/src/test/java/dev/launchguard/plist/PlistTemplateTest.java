package dev.launchguard.plist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** launchguard's own plist templates lint clean as templates, and a template's real errors are still found. */
class PlistTemplateTest {

    /** Maven runs the tests in the module's folder; the repository's launchd/ folder is beside it. */
    private static final Path LAUNCHD = Path.of("..", "launchd");

    private static Path template(String name) {
        return TestResources.path("/plist/template/" + name + ".plist");
    }

    /** The templates install.sh renders: launchd/*.plist and launchd/watchers/*.plist. */
    private static List<Path> repositoryTemplates() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(LAUNCHD, LAUNCHD.resolve("watchers"))) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(f -> f.toString().endsWith(".plist")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void theRepositorysTemplatesLintCleanAsTemplates() throws Exception {
        List<Path> templates = repositoryTemplates();

        assertThat(templates).extracting(f -> f.getFileName().toString()).contains("dev.launchguard.supervisor.plist",
                "dev.launchguard.demo.model.plist", "dev.launchguard.demo.web.plist",
                "dev.launchguard.watch.drift.plist", "dev.launchguard.watch.uptime.plist");
        for (Path file : templates) {
            assertThat(PlistLinter.lintTemplate(file)).as(file.toString()).isEmpty();
        }
    }

    @Test
    void linterKnowsEveryPlaceholderInstallShFillsInAndEveryOneTheTemplatesUse() throws Exception {
        Set<String> rendered = placeholders(Files.readString(LAUNCHD.resolve("install.sh")),
                "\\$\\{text//(@[A-Z_]+@)/");
        rendered.removeAll(Set.of("@HOST_BUDGET@", "@STORM@"));
        Set<String> used = new TreeSet<>();
        for (Path file : repositoryTemplates()) {
            used.addAll(placeholders(Files.readString(file), "(@[A-Z_]+@)"));
        }

        assertThat(PlistTemplate.PLACEHOLDERS.keySet()).as("install.sh's render() fills in exactly these in plists")
                .containsExactlyInAnyOrderElementsOf(rendered);
        assertThat(rendered).containsAll(used);
    }

    @Test
    void aTemplateThatRendersCleanHasNoFinding() {
        assertThat(PlistLinter.lintTemplate(template("dev.template.good"))).isEmpty();
    }

    @Test
    void aRealErrorInATemplateIsFoundAndQuotesTheTemplate() {
        Path file = template("dev.template.relative-log");

        assertThat(PlistLinter.lintTemplate(file)).containsExactly(new LintFinding(LintFinding.Severity.ERROR,
                file.toString(), "StandardOutPath", "\"logs/Users/you/.launchguard/fleet/web.log\" is not an absolute "
                        + "path; allowed: a path starting with / (launchd expands neither ~ nor $VARIABLES, and starts "
                        + "jobs in / with a minimal PATH) (rendered from the template's \"logs/@STATE@/web.log\")"));
    }

    @Test
    void aPlaceholderInstallShDoesNotFillInIsAnError() {
        Path file = template("dev.template.unknown-placeholder");

        // The first error at a key is the one reported there: the path's own rule does not repeat it.
        assertThat(PlistLinter.lintTemplate(file)).containsExactly(new LintFinding(LintFinding.Severity.ERROR,
                file.toString(), "StandardOutPath", "\"@STAT@\" is not an install placeholder (install.sh would leave "
                        + "it as it is) (did you mean @STATE@?); allowed: @JAVA@, @JAVA_HOME@, @PYTHON@, "
                        + "@LAUNCHGUARD_HOME@, @STATE_DIR@, @STATE@, @LOGS@, @PORT@"));
    }

    @Test
    void aTemplateLintedAsAPlistSaysItIsATemplate() {
        Path file = template("dev.template.good");

        List<LintFinding> findings = PlistLinter.lint(file, false);

        assertThat(findings.get(0).problem()).startsWith("is a template: launchd/install.sh and launchguard demo fill "
                + "in its install placeholders (@PYTHON@, @STATE@)");
        assertThat(findings).extracting(LintFinding::keyPath).containsExactly("", "ProgramArguments[0]",
                "WorkingDirectory", "StandardOutPath");
    }

    private static Set<String> placeholders(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
