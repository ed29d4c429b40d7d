package dev.launchguard.drift;

import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.plist.PlistException;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates the checks that read the job manager and the process table: job, plist, port, process
 * and env. A check that finds drift returns a failed result; it never throws, except
 * {@link JobDirectory.Unavailable} when the job manager cannot be asked.
 */
final class DriftChecks {

    private static final String STOPPED = "STOPPED";
    private static final String DISABLED = "DISABLED";
    /** Deeper than any real service tree (launchd → wrapper → server → workers); ends a walk through a PID cycle. */
    private static final int MAX_DEPTH = 64;

    private DriftChecks() {
    }

    static DriftResult job(DriftCheck.JobLoaded check, DriftContext context) {
        JobDirectory.LoadedJob job = context.jobs().get(check.label());
        if (job == null) {
            return DriftResult.fail(check, "job '" + check.label() + "' is not loaded in the job manager");
        }
        if (job.state().equals(DISABLED)) {
            return DriftResult.fail(check, "job '" + check.label() + "' is DISABLED (launchguard enable "
                    + check.label() + " brings it back)");
        }
        if (job.state().equals(STOPPED)) {
            return DriftResult.fail(check, "job '" + check.label() + "' is loaded but STOPPED (not running)");
        }
        return DriftResult.pass(check, "job '" + check.label() + "' is " + job.state()
                + job.pid().stream().mapToObj(p -> ", pid " + p).findFirst().orElse(""));
    }

    static DriftResult plist(DriftCheck.PlistMatches check, DriftContext context) {
        JobDirectory.LoadedJob job = context.jobs().get(check.label());
        if (job == null || job.plist().isEmpty() || job.loadedDigest().isEmpty()) {
            return DriftResult.fail(check, "job '" + check.label() + "' is " + (job == null ? "not loaded"
                    : "loaded from no plist whose digest is known") + ", so there is nothing to compare");
        }
        Path file = job.plist().get();
        Optional<String> disk = LoadedPlist.digest(file);
        if (disk.isEmpty()) {
            return DriftResult.fail(check, file + " cannot be read; job '" + check.label() + "' was loaded from it");
        }
        if (!disk.get().equals(job.loadedDigest().get())) {
            return DriftResult.fail(check, file + " changed since job '" + check.label() + "' loaded it (sha256 "
                    + abbreviate(job.loadedDigest().get()) + " loaded, " + abbreviate(disk.get()) + " on disk)");
        }
        return DriftResult.pass(check, file + " matches what is loaded");
    }

    static DriftResult port(DriftCheck.PortOwned check, DriftContext context) {
        List<ProcessTable.PortOwner> owners = context.owners().stream().filter(o -> o.port() == check.port()).toList();
        if (owners.isEmpty()) {
            return DriftResult.fail(check, "nothing listens on port " + check.port());
        }
        String pids = owners.stream().map(o -> o.pid() < 0 ? "unknown" : String.valueOf(o.pid())).distinct()
                .collect(Collectors.joining(", "));
        if (check.owner().isEmpty()) {
            return DriftResult.pass(check, "port " + check.port() + " is listening (pid " + pids + ")");
        }
        String label = check.owner().get();
        for (ProcessTable.PortOwner owner : owners) {
            Optional<JobProcess> p = context.process(owner.pid());
            if (p.isPresent() && (p.get().belongsTo(label) || descendsFrom(p.get(), instancePid(label, context), context))) {
                return DriftResult.pass(check, "port " + check.port() + " is held by pid " + owner.pid() + " of job '" + label + "'");
            }
        }
        Optional<JobProcess> first = context.process(owners.get(0).pid());
        String who = first.map(f -> " (tag " + f.label().orElse("none") + ", " + String.join(" ", f.arguments()) + ")").orElse("");
        return DriftResult.fail(check, "port " + check.port() + " is held by pid " + pids + who
                + ", not by a process of job '" + label + "'");
    }

    static DriftResult process(DriftCheck.ProcessCount check, DriftContext context) {
        long found = context.processes().stream().filter(p -> runs(p, check.program())).count();
        boolean ok = check.count().isPresent() ? found == check.count().getAsInt() : found > 0;
        String wanted = check.count().isPresent() ? "expected " + check.count().getAsInt() : "expected at least 1";
        String detail = found + " process(es) run " + check.program() + " (" + wanted + ")";
        return ok ? DriftResult.pass(check, detail) : DriftResult.fail(check, detail);
    }

    static DriftResult env(DriftCheck.EnvValue check, DriftContext context) {
        List<JobProcess> tagged = context.processes().stream().filter(p -> p.belongsTo(check.label())).toList();
        // The instance's root: the tagged process whose parent is not tagged (a wrapper's children inherit the tag).
        Optional<JobProcess> root = tagged.stream()
                .filter(p -> tagged.stream().noneMatch(q -> q.pid() == p.parentPid())).findFirst();
        if (root.isEmpty()) {
            return DriftResult.fail(check, "no process of job '" + check.label() + "' runs");
        }
        String value = context.environment(root.get().pid()).get(check.variable());
        String seen = check.variable() + (value == null ? " is not set" : "=" + value) + " in pid " + root.get().pid();
        return check.expected().equals(value) ? DriftResult.pass(check, seen)
                : DriftResult.fail(check, seen + ", expected " + check.expected());
    }

    static DriftResult unwatched(DriftCheck.JobsWatched check, DriftContext context) {
        if (context.configured().isEmpty()) {
            return DriftResult.fail(check, "no launchguard.yaml is in use to say which jobs are watched; "
                    + "give 'launchguard watch drift --once' a --config FILE");
        }
        WatchedJobs configured = context.configured().get();
        Path folder = check.plists().orElse(configured.plists());
        UnwatchedJobs.Scan scan;
        try {
            scan = UnwatchedJobs.scan(folder, configured.labels());
        } catch (PlistException e) {
            return DriftResult.fail(check, e.getMessage());
        }
        List<Unwatched> found = scan.unwatched().stream().filter(u -> !check.ignores(u.label())).toList();
        String ignored = scan.unwatched().size() > found.size()
                ? ", " + (scan.unwatched().size() - found.size()) + " ignored" : "";
        if (found.isEmpty()) {
            return DriftResult.pass(check, scan.plists() + " plist(s) in " + folder + " checked: every job is watched by "
                    + configured.source() + ignored);
        }
        String jobs = found.stream().map(DriftChecks::unwatched).collect(Collectors.joining(", "));
        return DriftResult.fail(check, found.size() + " job(s) in " + folder + " not watched by " + configured.source()
                + ": " + jobs + " (" + scan.plists() + " plist(s) checked" + ignored + ")");
    }

    /** {@code com.a.web (com.a.web.plist)}, {@code com.b (b.plist, disabled)}, {@code x (x.plist: does not parse: ...)}. */
    private static String unwatched(Unwatched u) {
        String why = switch (u.why()) {
            case UnwatchedJobs.NOT_WATCHED -> "";
            case UnwatchedJobs.DISABLED -> ", disabled";
            default -> ": " + u.why();
        };
        return u.label() + " (" + u.plist().getFileName() + why + ")";
    }

    static boolean runs(JobProcess p, String program) {
        if (p.arguments().isEmpty()) {
            return false;
        }
        String first = p.arguments().get(0);
        int slash = first.lastIndexOf('/');
        return first.equals(program) || first.substring(slash + 1).equals(program);
    }

    private static long instancePid(String label, DriftContext context) {
        try {
            JobDirectory.LoadedJob job = context.jobs().get(label);
            return job == null ? -1 : job.pid().orElse(-1);
        } catch (JobDirectory.Unavailable e) {
            // The tag alone decides; the report carries the job manager's silence (exit 3 from the CLI).
            return -1;
        }
    }

    private static boolean descendsFrom(JobProcess p, long ancestor, DriftContext context) {
        Optional<JobProcess> at = Optional.of(p);
        // Bounded walk: a PID table can briefly hold a cycle while PIDs are reused.
        for (int depth = 0; at.isPresent() && ancestor > 0 && depth < MAX_DEPTH; depth++) {
            if (at.get().pid() == ancestor) {
                return true;
            }
            at = context.process(at.get().parentPid());
        }
        return false;
    }

    private static String abbreviate(String digest) {
        return digest.substring(0, 12);
    }
}
