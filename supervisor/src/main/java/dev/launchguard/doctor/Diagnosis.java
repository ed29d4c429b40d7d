package dev.launchguard.doctor;

import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * What two views that are not redundant say together: the job manager's (state, PID, the plist's
 * digest at load) and the process table's (who carries a job's {@code LAUNCHGUARD_JOB} tag, who
 * listens on its ports). {@code launchguard doctor} asks the running launchguard for the first; the
 * stray watcher inside launchguard reads its own fleet. Free of I/O: callers gather the inputs,
 * this class compares them.
 */
public final class Diagnosis {

    /** The kinds of problem, as the {@code kind} field of {@code --json}. */
    public enum Kind {
        /** A job with no instance per the job manager, yet processes carrying its tag run. */
        UNSUPERVISED("unsupervised"),
        /** A tagged process outside the job's current instance (its tree and its instance tag): a second instance or an orphan. */
        DUPLICATE("duplicate"),
        /**
         * A process running the job's exact program and arguments outside its instance, without the
         * job's tag: a manual run, or an orphan that lost its tag (launchd's jobs carry none).
         */
        COPY("copy"),
        /** A port of the job held by a process that is neither its instance nor tagged as the job's. */
        SQUATTER("squatter"),
        /** The job manager names a PID that is not running. */
        GHOST("ghost"),
        /** The plist on disk is not the one the job was loaded from. */
        PLIST_DRIFT("plist-drift");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        /** The kind as JSON and logs name it: {@code duplicate}, {@code squatter}, ... */
        public String tag() {
            return tag;
        }
    }

    /** One problem, with the PID and port it concerns when there is one. */
    public record Problem(Kind kind, String label, OptionalLong pid, Optional<Integer> port, String message) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * One job as the job manager sees it.
     *
     * @param supervised whether a running launchguard answered for it (false: only the process table was read)
     * @param pid the current instance per the job manager
     * @param loadedDigest the plist's digest when it was loaded; empty when unknown
     * @param diskDigest the digest of the plist on disk now; empty when it cannot be read
     * @param command the job's program and arguments from its plist; empty when unknown
     */
    public record Job(String label, boolean supervised, String state, OptionalLong pid, List<Integer> ports,
            Optional<String> plist, Optional<String> loadedDigest, Optional<String> diskDigest, List<String> command) {
        public Job {
            ports = List.copyOf(new TreeSet<>(ports));
            command = List.copyOf(command);
        }

        /** A job whose command line is not known (yet: {@link PlistOnDisk#withDisk} reads it). */
        public Job(String label, boolean supervised, String state, OptionalLong pid, List<Integer> ports,
                Optional<String> plist, Optional<String> loadedDigest, Optional<String> diskDigest) {
            this(label, supervised, state, pid, ports, plist, loadedDigest, diskDigest, List.of());
        }
    }

    private final Map<Long, JobProcess> processes = new HashMap<>();
    private final List<ProcessTable.PortOwner> listeners;
    private final Optional<String> owner;

    /** A diagnosis that takes every process carrying a job's tag for the job's, whoever started it. */
    public Diagnosis(List<JobProcess> table, List<ProcessTable.PortOwner> listeners) {
        this(table, listeners, Optional.empty());
    }

    /**
     * A diagnosis for the launchguard whose engine is {@code owner}: a process carrying another
     * engine's {@code LAUNCHGUARD_OWNER} tag belongs to another launchguard's job of the same label
     * (two demos), so it is neither an orphan nor a duplicate here, and on one of our ports it is a
     * squatter.
     */
    public Diagnosis(List<JobProcess> table, List<ProcessTable.PortOwner> listeners, Optional<String> owner) {
        table.forEach(p -> processes.put(p.pid(), p));
        this.listeners = List.copyOf(listeners);
        this.owner = owner;
    }

    public List<Problem> examine(Job job) {
        List<Problem> found = new ArrayList<>();
        OptionalLong pid = job.pid();
        if (pid.isPresent() && !processes.containsKey(pid.getAsLong())) {
            found.add(new Problem(Kind.GHOST, job.label(), pid, Optional.empty(), "job '" + job.label()
                    + "' has pid " + pid.getAsLong() + " per the job manager, but no such process runs"));
        }
        Set<Long> tree = pid.isPresent() ? instanceOf(pid.getAsLong()) : Set.of();
        for (JobProcess p : processes.values()) {
            if (!p.belongsTo(job.label()) || tree.contains(p.pid()) || elsewhere(p)) {
                continue;
            }
            if (pid.isEmpty()) {
                found.add(new Problem(Kind.UNSUPERVISED, job.label(), OptionalLong.of(p.pid()), Optional.empty(),
                        "job '" + job.label() + "' " + (job.supervised()
                                ? "has no running instance per the job manager (state " + job.state() + ")"
                                : "is supervised by no running launchguard")
                                + ", yet pid " + p.pid() + " carries LAUNCHGUARD_JOB=" + job.label() + ": " + command(p)));
            } else {
                found.add(new Problem(Kind.DUPLICATE, job.label(), OptionalLong.of(p.pid()), Optional.empty(),
                        "job '" + job.label() + "' runs more than once: pid " + p.pid() + " carries its tag outside the "
                                + "tree of its instance " + pid.getAsLong() + ": " + command(p)));
            }
        }
        for (JobProcess p : processes.values()) {
            if (p.label().isEmpty() && !tree.contains(p.pid()) && runs(p, job.command())) {
                found.add(new Problem(Kind.COPY, job.label(), OptionalLong.of(p.pid()), Optional.empty(), "job '"
                        + job.label() + "' program runs outside its instance: pid " + p.pid()
                        + " runs its command line without its tag: " + command(p)));
            }
        }
        for (ProcessTable.PortOwner owner : listeners) {
            if (job.ports().contains(owner.port()) && !tree.contains(owner.pid()) && !taggedAs(owner.pid(), job.label())) {
                found.add(squatter(job, owner));
            }
        }
        if (job.plist().isPresent() && job.loadedDigest().isPresent() && !job.diskDigest().equals(job.loadedDigest())) {
            found.add(new Problem(Kind.PLIST_DRIFT, job.label(), OptionalLong.empty(), Optional.empty(),
                    "job '" + job.label() + "' plist " + job.plist().get() + (job.diskDigest().isEmpty()
                            ? " is gone or unreadable"
                            : " differs from the one loaded (sha256 " + abbrev(job.loadedDigest().get()) + " loaded, "
                                    + abbrev(job.diskDigest().get()) + " on disk)")
                            + "; reload it: launchguard disable " + job.label() + " && launchguard enable " + job.label()));
        }
        return found;
    }

    private Problem squatter(Job job, ProcessTable.PortOwner owner) {
        String who = owner.pid() < 0 ? "a process the OS does not name (another user's)"
                : "pid " + owner.pid() + Optional.ofNullable(processes.get(owner.pid())).map(p -> " (" + command(p) + ")")
                        .orElse("");
        String whose = job.pid().isPresent() ? "which is not in the tree of its instance " + job.pid().getAsLong()
                + " and does not carry LAUNCHGUARD_JOB=" + job.label()
                : "which does not carry LAUNCHGUARD_JOB=" + job.label() + " (the job has no running instance)";
        return new Problem(Kind.SQUATTER, job.label(), owner.pid() < 0 ? OptionalLong.empty() : OptionalLong.of(owner.pid()),
                Optional.of(owner.port()), "job '" + job.label() + "' port " + owner.port() + " is held by " + who + ", "
                        + whose);
    }

    /**
     * Whether {@code p} runs {@code command}: the same arguments, and a program of the same file name
     * (launchd execs Program with ProgramArguments[0] as argv[0]; a relative name resolves through PATH).
     */
    private static boolean runs(JobProcess p, List<String> command) {
        List<String> argv = p.arguments();
        if (command.isEmpty() || argv.size() != command.size() || !argv.subList(1, argv.size()).equals(command.subList(1,
                command.size()))) {
            return false;
        }
        return fileName(argv.get(0)).equals(fileName(command.get(0)));
    }

    private static String fileName(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }

    private boolean taggedAs(long pid, String label) {
        JobProcess p = processes.get(pid);
        return p != null && p.belongsTo(label) && !elsewhere(p);
    }

    /** Whether another launchguard's engine started {@code p}. */
    private boolean elsewhere(JobProcess p) {
        return owner.filter(p::ownedElsewhere).isPresent();
    }

    /**
     * The processes of the instance rooted at {@code root}: its tree, and every process carrying
     * its instance tag — a double fork or setsid takes a process out of the tree (re-parented to
     * PID 1), not out of the run; the engine tears it down with the run.
     */
    private Set<Long> instanceOf(long root) {
        Set<Long> members = treeOf(root);
        Optional<String> instance = Optional.ofNullable(processes.get(root)).flatMap(JobProcess::instance);
        instance.ifPresent(tag -> processes.values().stream().filter(p -> p.fromInstance(tag))
                .forEach(p -> members.add(p.pid())));
        return members;
    }

    /** {@code root} and every process whose parent chain reaches it. */
    private Set<Long> treeOf(long root) {
        Set<Long> tree = new java.util.HashSet<>();
        for (JobProcess p : processes.values()) {
            long at = p.pid();
            // A parent chain is short; the bound only guards against a table read mid-change.
            for (int depth = 0; depth < 64 && at > 1; depth++) {
                if (at == root) {
                    tree.add(p.pid());
                    break;
                }
                JobProcess parent = processes.get(at);
                if (parent == null) {
                    break;
                }
                at = parent.parentPid();
            }
        }
        tree.add(root);
        return tree;
    }

    private static String command(JobProcess p) {
        String text = String.join(" ", p.arguments());
        return text.isEmpty() ? "(command line unreadable)" : text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private static String abbrev(String digest) {
        return digest.length() > 12 ? digest.substring(0, 12) : digest;
    }
}
