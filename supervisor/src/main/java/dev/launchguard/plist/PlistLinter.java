package dev.launchguard.plist;

import com.dd.plist.NSDictionary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a launchd plist and reports every problem at once, not just the first: what launchd
 * would refuse or misread (errors), keys it would ignore (warnings), and with host checks whether
 * this machine has what the job names and the file has the owner and mode launchd demands.
 */
public final class PlistLinter {

    private PlistLinter() {
    }

    /**
     * Lints {@code file}; XML and binary plists alike. A plist holding install placeholders
     * ({@code @JAVA@}, {@code @STATE@}) is a template, not a plist for launchd: that is an error
     * that says how to lint it ({@link #lintTemplate}).
     *
     * @throws PlistException when the file cannot be read at all (it does not exist, no permission)
     */
    public static List<LintFinding> lint(Path file, boolean hostChecks) {
        Findings findings = new Findings(file.toString());
        Optional<NSDictionary> parsed = parse(file, findings);
        if (parsed.isEmpty()) {
            return findings.list();
        }
        NSDictionary root = parsed.get();
        Set<String> placeholders = PlistTemplate.placeholdersIn(root);
        if (!placeholders.isEmpty()) {
            findings.error("", "is a template: launchd/install.sh and launchguard demo fill in its install "
                    + "placeholders (" + String.join(", ", placeholders) + "), which launchd would take literally; "
                    + "lint it with --template, or lint the plist they write");
        }
        LaunchdJob job = hostIndependent(root, file, findings);
        if (hostChecks) {
            HostRules.check(job, file, findings);
        }
        return findings.list();
    }

    /**
     * Lints {@code file} as a template of launchd/ ({@link PlistTemplate}): every install
     * placeholder replaced by a representative value, then every host-independent rule, as the
     * rendered plist would be linted. A placeholder install.sh does not know is an error; the host's
     * checks are skipped, since the paths are only representative.
     *
     * @throws PlistException when the file cannot be read at all (it does not exist, no permission)
     */
    public static List<LintFinding> lintTemplate(Path file) {
        Findings findings = new Findings(file.toString());
        Optional<NSDictionary> root = parse(file, findings);
        if (root.isEmpty()) {
            return findings.list();
        }
        Map<String, String> templates = PlistTemplate.render(root.get(), findings);
        hostIndependent(root.get(), file, findings);
        return findings.list().stream().map(f -> templates.containsKey(f.keyPath())
                ? new LintFinding(f.severity(), f.source(), f.keyPath(), f.problem() + " (rendered from the template's \""
                        + templates.get(f.keyPath()) + "\")")
                : f).toList();
    }

    /**
     * The root dictionary of {@code file}; empty when it does not parse, which is then its one finding.
     *
     * @throws PlistException when the file cannot be read at all
     */
    private static Optional<NSDictionary> parse(Path file, Findings findings) {
        byte[] bytes = Plists.readBytes(file);
        try {
            return Optional.of(Plists.parseDictionary(bytes, file.toString()));
        } catch (PlistException e) {
            findings.error(e.keyPath().orElse(""), e.problem());
            return Optional.empty();
        }
    }

    /**
     * The job in {@code file} if lint finds no error in it without host checks, the way the
     * embedded engine loads a plist: it runs nothing launchd would refuse or misread. The host's
     * state (a missing executable, a folder not made yet) is the job's failure when it starts, as
     * under launchd, not a reason to refuse it.
     *
     * @throws PlistException naming the file, the first error's key path and problem, and how many
     *     more errors lint would report
     */
    public static LaunchdJob load(Path file) {
        byte[] bytes = Plists.readBytes(file);
        String source = file.toString();
        NSDictionary root = Plists.parseDictionary(bytes, source);
        Findings findings = new Findings(source);
        LaunchdJob job = hostIndependent(root, file, findings);
        List<LintFinding> errors = findings.list().stream().filter(LintFinding::isError).toList();
        if (!errors.isEmpty()) {
            LintFinding first = errors.get(0);
            String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more: launchguard plist lint "
                    + file + ")";
            throw new PlistException(source, first.keyPath(), first.problem() + more);
        }
        return job;
    }

    /** Decodes the job and runs every rule that needs only the file: types, keys, values, the file's name. */
    private static LaunchdJob hostIndependent(NSDictionary root, Path file, Findings findings) {
        LaunchdJob job = PlistDecoder.decode(root, findings);
        KeyRules.check(root, findings);
        JobRules.check(job, root.keySet(), findings);
        fileName(job, file, findings);
        return job;
    }

    /** The host-independent rules on a job built in code, such as {@code plist generate}'s. */
    public static List<LintFinding> check(LaunchdJob job, String source) {
        Findings findings = new Findings(source);
        JobRules.check(job, PlistEncoder.encode(job).keySet(), findings);
        return findings.list();
    }

    /** True when {@code label} has launchd's reverse-DNS form, such as com.example.web. */
    public static boolean isReverseDns(String label) {
        return JobRules.isReverseDns(label);
    }

    /**
     * The file must be named after its Label: launchctl's tooling, Homebrew and launchguard find a
     * job's plist by {@code <Label>.plist}, and two files with one Label shadow each other.
     */
    private static void fileName(LaunchdJob job, Path file, Findings findings) {
        String expected = job.label() + ".plist";
        if (!job.label().isEmpty() && !findings.hasErrorAt("Label")
                && !file.getFileName().toString().equals(expected)) {
            findings.error("Label", "\"" + job.label() + "\" does not match the file name " + file.getFileName()
                    + "; allowed: a file named " + expected);
        }
    }
}
