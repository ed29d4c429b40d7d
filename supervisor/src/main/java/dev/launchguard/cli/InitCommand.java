package dev.launchguard.cli;

import dev.launchguard.adopt.DiscoveredJob;
import dev.launchguard.adopt.Discovery;
import dev.launchguard.adopt.EngineProcesses;
import dev.launchguard.adopt.InitFile;
import dev.launchguard.adopt.JobPresence;
import dev.launchguard.adopt.LaunchctlList;
import dev.launchguard.adopt.Plan;
import dev.launchguard.adopt.PortFinding;
import dev.launchguard.adopt.PortSurvey;
import dev.launchguard.adopt.ProbeProposer;
import dev.launchguard.adopt.ProposedProbe;
import dev.launchguard.adopt.Seen;
import dev.launchguard.adopt.StartTimer;
import dev.launchguard.adopt.Summary;
import dev.launchguard.config.ConfigException;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.drift.Unwatched;
import dev.launchguard.drift.UnwatchedJobs;
import dev.launchguard.launchctl.LaunchctlJobManager;
import dev.launchguard.launchctl.SystemProcessRunner;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.PlistException;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code launchguard init}: adopts a fleet of launchd plists. Discovers every job of the folder,
 * asks the ports its process tree listens on what they are (loopback, GET and HEAD only), proposes
 * probes and writes a commented launchguard.yaml, merging into one that exists.
 */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        description = {"Write launchguard.yaml for the launchd jobs already in a plist folder.",
            "Discovers every job of the folder (label, program, KeepAlive, RunAtLoad, StartInterval, logs), whether it",
            "runs and the TCP ports its process tree listens on, asks each port on loopback what it is (GET and HEAD",
            "only, at most 8 requests of 1.5 s per port; nothing is loaded, started or changed) and proposes probes:",
            "one tiny real inference for an OpenAI-compatible server, /v2/health/live and /ready for KServe v2, GET /",
            "for a Next.js site or any HTTP service, a TCP connect for anything else. The file says why for every",
            "choice and every job left out. An existing file is merged, never overwritten: its jobs stay as they are,",
            "new jobs are added, and what changed is printed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the file was written (or printed with --dry-run); with --check: every job of the folder is watched",
            "1:with --check: jobs of the folder are not watched",
            "2:bad usage: no plist folder, a file that does not load, a folder other than the file's"})
final class InitCommand implements Callable<Integer> {

    private static final int PORTS_PER_JOB = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--plists", paramLabel = "DIR",
            description = "the plist folder (default: the file's plists, else ~/Library/LaunchAgents on macOS)")
    Path plists;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "launchguard.yaml",
            description = "the file to write or merge into (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--dry-run", description = "print the file and a summary table; write nothing")
    boolean dryRun;

    @Option(names = "--check", description = "report the jobs of the folder that the file does not watch; write nothing")
    boolean check;

    @Option(names = "--allow-inference",
            description = "send each OpenAI-compatible server one tiny inference to time it (loads nothing new: it runs)")
    boolean allowInference;

    @Option(names = "--measure-start",
            description = "restart each model server once (asks first) and time its start to set the startup budget")
    boolean measureStart;

    @Option(names = "--yes", description = "with --measure-start: do not ask")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<LaunchguardConfig> existing = Optional.empty();
        if (Files.exists(out)) {
            try {
                existing = Optional.of(ConfigLoader.forUser().load(out));
            } catch (ConfigException e) {
                err.println("launchguard init: " + out + " exists and does not load, so nothing can be merged into it: "
                        + e.getMessage() + " (fix it, or write a new file with --out)");
                return Main.EXIT_USAGE;
            }
        } else if (check) {
            err.println("launchguard init --check: " + out + ": no such file (give the configuration with --out FILE)");
            return Main.EXIT_USAGE;
        }
        Optional<Path> folder = folder(existing, err);
        if (folder.isEmpty()) {
            return Main.EXIT_USAGE;
        }
        if (check) {
            return unwatched(folder.get(), existing.orElseThrow(), stdout, err);
        }
        ProcessTable table = new ProcessTable();
        List<JobProcess> processes = table.scan();
        JobPresence presence = mac() ? new LaunchctlList(new SystemProcessRunner()) : new EngineProcesses(processes);
        List<DiscoveredJob> jobs;
        try {
            jobs = Discovery.discover(folder.get(), presence, table.listening(), Discovery.liveTrees());
        } catch (IllegalArgumentException e) {
            err.println("launchguard init: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        PortSurvey survey = new PortSurvey(new PortSurvey.Settings(PortSurvey.Settings.defaults().deadline(),
                PortSurvey.Settings.defaults().maxRequests(), allowInference));
        Instant now = Instant.now();
        List<Plan> plans = new ArrayList<>();
        for (DiscoveredJob job : jobs) {
            plans.add(plan(job, survey, now, err));
        }
        if (measureStart) {
            plans = measured(plans, err);
        }
        String written = folder.get().toAbsolutePath().normalize().toString();
        String home = System.getProperty("user.home");
        if (written.startsWith(home + "/")) {
            written = "~" + written.substring(home.length());
        }
        InitFile.Result result = existing.isPresent()
                ? InitFile.merge(Files.readString(out, StandardCharsets.UTF_8), existing.get().jobs().stream()
                        .map(j -> new InitFile.Existing(j.label(), j.liveness().spec().target())).toList(), plans, folder.get())
                : InitFile.fresh(written, stateDir(processes, jobs), plans, now);
        Path candidate;
        try {
            candidate = candidate();
            Files.writeString(candidate, result.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("launchguard init: cannot write beside " + out + ": " + e + " (give a writable place with --out)");
            return Main.EXIT_USAGE;
        }
        try {
            ConfigLoader.forUser().load(candidate);
        } catch (ConfigException e) {
            Files.deleteIfExists(candidate);
            err.println("launchguard init: the file init made does not load, so nothing was written (a bug: please report it"
                    + " with this message): " + e.getMessage());
            return Main.EXIT_PROBLEM;
        }
        boolean unchanged = existing.isPresent() && result.text().equals(Files.readString(out, StandardCharsets.UTF_8));
        if (dryRun || unchanged) {
            Files.deleteIfExists(candidate);
            stdout.print(result.text());
            stdout.println();
        } else {
            try {
                move(candidate, out);
            } catch (IOException e) {
                Files.deleteIfExists(candidate);
                err.println("launchguard init: cannot write " + out + ": " + e);
                return Main.EXIT_PROBLEM;
            }
        }
        stdout.print(Summary.table(plans));
        result.changes().forEach(c -> stdout.println((dryRun ? "would have " : "") + c));
        long watched = plans.stream().filter(Plan::watched).count();
        if (dryRun) {
            stdout.println("dry run: nothing written (" + out + (existing.isPresent() ? " unchanged)" : " not created)"));
        } else if (unchanged) {
            stdout.println(out + " unchanged: it already watches every job init can probe");
        } else {
            long added = result.changes().stream().filter(c -> c.startsWith("added ")).count();
            stdout.println("wrote " + out + ": " + (existing.isPresent() ? added + " job(s) added, your entries kept"
                    : watched + " job(s) watched, " + (plans.size() - watched) + " left out")
                    + "; run it with: launchguard run --config " + out + " (or reload a running launchguard: kill -HUP <pid>)");
        }
        if (watched == 0 && plans.stream().noneMatch(p -> p.job().seen() instanceof Seen.Running) && !plans.isEmpty()
                && !mac()) {
            stdout.println("none of the " + plans.size() + " job(s) runs: off macOS the plists run in the embedded engine"
                    + " of a running launchguard. Start one on this file (launchguard run --config " + out
                    + "), then run init again to add their probes (docs/getting-started.md)");
        }
        stdout.flush();
        return 0;
    }

    /** {@code --check}: the jobs of the folder the file does not watch; exit 1 when there are any. */
    private int unwatched(Path folder, LaunchguardConfig config, PrintWriter stdout, PrintWriter err) {
        Set<String> watched = new TreeSet<>();
        config.jobs().forEach(j -> watched.add(j.label()));
        List<Unwatched> missing;
        try {
            missing = UnwatchedJobs.find(folder, watched);
        } catch (PlistException e) {
            err.println("launchguard init --check: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        for (Unwatched u : missing) {
            stdout.println("not watched: " + u.label() + " (" + u.plist() + "): " + u.why());
        }
        stdout.println(missing.isEmpty() ? "every job in " + folder + " is watched by " + out
                : missing.size() + " job(s) in " + folder + " not watched by " + out
                        + " (launchguard init adds those it can probe)");
        stdout.flush();
        return missing.isEmpty() ? 0 : Main.EXIT_PROBLEM;
    }

    private Optional<Path> folder(Optional<LaunchguardConfig> existing, PrintWriter err) throws IOException {
        if (plists != null && existing.isPresent()
                && !same(plists, existing.get().plists())) {
            err.println("launchguard init: " + out + " watches the plists in " + existing.get().plists() + ", not " + plists
                    + ": a launchguard running it would not find these jobs (leave out --plists, or write another file with --out)");
            return Optional.empty();
        }
        if (plists != null) {
            return Optional.of(plists);
        }
        if (existing.isPresent()) {
            return Optional.of(existing.get().plists());
        }
        if (mac()) {
            return Optional.of(Path.of(System.getProperty("user.home"), "Library", "LaunchAgents"));
        }
        err.println("launchguard init: which plist folder? Give --plists DIR (off macOS there is no LaunchAgents folder to"
                + " default to; the embedded engine runs the plists of the folder a launchguard.yaml names)");
        return Optional.empty();
    }

    private static boolean same(Path a, Path b) throws IOException {
        return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b) : a.toAbsolutePath().normalize()
                .equals(b.toAbsolutePath().normalize());
    }

    private Plan plan(DiscoveredJob job, PortSurvey survey, Instant now, PrintWriter err) {
        Optional<Duration> age = job.seen() instanceof Seen.Running r ? r.started().map(s -> Duration.between(s, now))
                : Optional.empty();
        List<DiscoveredJob.Port> askable = job.ports().stream().filter(p -> p.ask().isPresent()).toList();
        if (askable.isEmpty()) {
            return new Plan(job, Optional.empty(), age, List.of());
        }
        List<PortFinding> findings = new ArrayList<>();
        for (DiscoveredJob.Port port : askable.subList(0, Math.min(PORTS_PER_JOB, askable.size()))) {
            err.println("asking " + job.label() + " on " + port.ask().get().getHostAddress() + ":" + port.port() + " ...");
            err.flush();
            findings.add(survey.survey(port.ask().get(), port.port()));
        }
        if (askable.size() > PORTS_PER_JOB) {
            err.println(job.label() + ": " + (askable.size() - PORTS_PER_JOB) + " more port(s) not asked (at most "
                    + PORTS_PER_JOB + " per job)");
        }
        return new Plan(job, Optional.of(ProbeProposer.propose(job.label(), findings, age, Optional.empty())), age,
                findings);
    }

    private static boolean mac() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    }

    /**
     * {@code --measure-start}: each job with a startup gate is restarted once, after a yes (or
     * {@code --yes}), and its proposal made again with the time its new process took to answer.
     */
    private List<Plan> measured(List<Plan> plans, PrintWriter err) throws IOException, InterruptedException {
        List<Plan> result = new ArrayList<>();
        for (Plan plan : plans) {
            Optional<ProposedProbe> gate = plan.proposal().flatMap(p -> p.startup().or(p::readiness))
                    .filter(p -> p.kind().equals("http") && p.method().orElse("GET").equals("GET"));
            DiscoveredJob job = plan.job();
            if (!(job.seen() instanceof Seen.Running running) || gate.isEmpty() || job.job().isEmpty()) {
                result.add(plan);
                continue;
            }
            String how = mac() ? "launchctl kickstart -k" : "SIGTERM to pid " + running.pid() + " (KeepAlive starts it again)";
            if (!mac() && !job.job().get().keepAlive().enabled()) {
                err.println(job.label() + ": start not measured: it has no KeepAlive, so a restart would leave it stopped");
                result.add(plan);
                continue;
            }
            String question = "Restart " + job.label() + " (pid " + running.pid() + ", " + how + ") to time its start? It"
                    + " does not serve until it is ready again.";
            if (!yes && System.console() == null) {
                err.println(job.label() + ": start not measured: " + question.substring(0, question.indexOf('?'))
                        + " needs a yes, and there is no terminal to ask in (add --yes)");
                result.add(plan);
                continue;
            }
            if (!yes && !confirm(err, question)) {
                err.println(job.label() + ": start not measured (no restart)");
                result.add(plan);
                continue;
            }
            StartTimer.Measured measured = StartTimer.measure(job.label(), running, URI.create(gate.get().target()),
                    () -> seenNow(job.job().get()), this::restart);
            err.println(job.label() + ": " + measured.how());
            result.add(new Plan(job, Optional.of(ProbeProposer.propose(job.label(), plan.findings(), plan.age(),
                    measured.start())), plan.age(), plan.findings()));
        }
        return result;
    }

    private void restart(Seen.Running running, String label) throws IOException {
        if (mac()) {
            LaunchctlJobManager.forCurrentUser().kickstart(label, true);
        } else {
            ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroy);
        }
    }

    private static Seen seenNow(LaunchdJob job) {
        return mac() ? new LaunchctlList(new SystemProcessRunner()).of(job) : new EngineProcesses(new ProcessTable().scan()).of(job);
    }

    /**
     * Off macOS the running jobs carry the owner tag of the engine that runs them ({@code <stateDir>/engine});
     * when that is not the default state folder, the file names it so that a launchguard started on it
     * adopts them.
     */
    private static Optional<InitFile.StateDir> stateDir(List<JobProcess> processes, List<DiscoveredJob> jobs) {
        Set<String> owners = new TreeSet<>();
        for (DiscoveredJob job : jobs) {
            if (job.seen() instanceof Seen.Running r) {
                processes.stream().filter(p -> p.pid() == r.pid()).findFirst().flatMap(JobProcess::owner).ifPresent(owners::add);
            }
        }
        if (owners.size() != 1) {
            return Optional.empty();
        }
        Path engine = Path.of(owners.iterator().next());
        Path state = engine.getParent();
        if (state == null || !engine.getFileName().toString().equals("engine")) {
            return Optional.empty();
        }
        Path defaultState = Path.of(System.getProperty("user.home"), ".launchguard");
        try {
            if (Files.exists(defaultState) && Files.isSameFile(defaultState, state)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            // compare by name below
        }
        return Optional.of(new InitFile.StateDir(state.toString(), List.of(
                "stateDir: the running jobs carry LAUNCHGUARD_OWNER=" + engine + ", the engine of the launchguard whose",
                "state is here; with the same stateDir a launchguard started on this file is that launchguard's successor")));
    }

    private Path candidate() throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        return Files.createTempFile(parent, "." + out.getFileName() + ".init-", ".tmp");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads one answer from the terminal: y or yes. */
    static boolean confirm(PrintWriter err, String question) throws IOException {
        err.print(question + " [y/N] ");
        err.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
