package dev.launchguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import dev.launchguard.client.FleetSnapshot;
import dev.launchguard.config.ConfigException;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.doctor.PlistOnDisk;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.watch.WatchJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code launchguard doctor}: asks the job manager (through the running launchguard) and the
 * process table, and reports what only one of them sees.
 */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        description = {"Report what only the job manager or only the process table sees.",
            "Compares what the job manager says (through the running launchguard: state, PID, the plist",
            "loaded) with what the process table shows (processes carrying LAUNCHGUARD_JOB=<label>, listeners on",
            "each job's ports from the configuration or the plist's LaunchguardPorts key), and report what only one",
            "of them sees: a job stopped or disabled whose process still runs, more than one instance of a job, a",
            "port held by a foreign process (squatter), a PID that no longer runs, a plist on disk that differs",
            "from the one loaded.",
            "A process that scrubs its environment (env -i, a daemon that resets it) loses the tag and escapes the",
            "process-table checks; under launchd, jobs carry XPC_SERVICE_NAME instead, which doctor does not read."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no problem found",
            "1:problems found",
            "2:bad usage (a --config that does not load, a --url that is not loopback http)",
            "3:no running launchguard answered: only the process table was checked (see the message)"})
final class DoctorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Option(names = "--json", description = "print {\"launchguard\": {...}, \"jobs\": [...], \"problems\": [...]}")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE",
            description = "launchguard.yaml: its jobs, ports and plist folder are checked even when no launchguard answers")
    Path config;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<LaunchguardConfig> configured;
        try {
            configured = config == null ? Optional.empty() : Optional.of(ConfigLoader.forUser().load(config));
        } catch (ConfigException e) {
            err.println("launchguard doctor: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ApiTarget target = instance.resolve();
        ApiClient client;
        try {
            client = ApiClient.of(target);
        } catch (IllegalArgumentException e) {
            err.println("launchguard doctor: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ProcessTable table = new ProcessTable();
        List<JobProcess> processes = table.scan();
        Optional<String> unreachable = Optional.empty();
        Map<String, Diagnosis.Job> jobs = new LinkedHashMap<>();
        try {
            FleetSnapshot.fromApi(client, jobs);
        } catch (ApiClient.UnreachableException e) {
            unreachable = Optional.of(Unreachable.message(client, target, e));
        }
        configured.ifPresent(c -> fromConfig(c, jobs));
        if (unreachable.isPresent() && configured.isEmpty()) {
            fromTags(processes, jobs);
        }
        TreeSet<Integer> ports = new TreeSet<>();
        jobs.values().forEach(j -> ports.addAll(j.ports()));
        Diagnosis diagnosis = new Diagnosis(processes, table.listeners(ports));
        List<Diagnosis.Problem> problems = new ArrayList<>();
        jobs.values().forEach(j -> problems.addAll(diagnosis.examine(j)));
        String where = client.base() + " (from " + target.source() + ")";
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report(where, unreachable, jobs, processes.size(), problems)));
        } else {
            print(out, where, unreachable, jobs, processes.size(), problems, configured.isPresent());
        }
        out.flush();
        if (unreachable.isPresent()) {
            err.println("launchguard doctor: " + unreachable.get() + "; only the process table was checked");
            return StatusCommand.EXIT_UNREACHABLE;
        }
        return problems.isEmpty() ? 0 : Main.EXIT_PROBLEM;
    }

    /** The configured jobs no running launchguard answered for: checked against the process table only. */
    private static void fromConfig(LaunchguardConfig config, Map<String, Diagnosis.Job> jobs) {
        for (JobConfig job : config.jobs()) {
            Diagnosis.Job known = jobs.get(job.label());
            if (known == null) {
                String plist = config.plists().resolve(job.label() + ".plist").toString();
                jobs.put(job.label(), PlistOnDisk.withDisk(new Diagnosis.Job(job.label(), false, "-", OptionalLong.empty(),
                        job.ports(), Optional.of(plist), Optional.empty(), Optional.empty())));
            } else {
                List<Integer> ports = new ArrayList<>(known.ports());
                ports.addAll(job.ports());
                jobs.put(job.label(), new Diagnosis.Job(known.label(), known.supervised(), known.state(), known.pid(),
                        ports, known.plist(), known.loadedDigest(), known.diskDigest()));
            }
        }
    }

    /** With neither an answer nor a configuration, every label found in the process table. */
    private static void fromTags(List<JobProcess> processes, Map<String, Diagnosis.Job> jobs) {
        for (JobProcess p : processes) {
            p.label().filter(l -> !jobs.containsKey(l)).ifPresent(l -> jobs.put(l, new Diagnosis.Job(l, false, "-",
                    OptionalLong.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty())));
        }
    }

    private static ObjectNode report(String where, Optional<String> unreachable, Map<String, Diagnosis.Job> jobs,
            int processCount, List<Diagnosis.Problem> problems) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ObjectNode launchguard = root.putObject("launchguard").put("url", where).put("answered", unreachable.isEmpty());
        unreachable.ifPresent(u -> launchguard.put("error", u));
        root.put("processesScanned", processCount);
        ArrayNode jobNodes = root.putArray("jobs");
        for (Diagnosis.Job job : jobs.values()) {
            ObjectNode node = jobNodes.addObject().put("label", job.label()).put("supervised", job.supervised())
                    .put("state", job.state());
            job.pid().ifPresentOrElse(p -> node.put("pid", p), () -> node.putNull("pid"));
            ArrayNode ports = node.putArray("ports");
            job.ports().forEach(ports::add);
        }
        WatchJson.problems(root.putArray("problems"), problems);
        return root;
    }

    private static void print(PrintWriter out, String where, Optional<String> unreachable, Map<String, Diagnosis.Job> jobs,
            int processCount, List<Diagnosis.Problem> problems, boolean configured) {
        if (unreachable.isPresent()) {
            out.println("launchguard: no answer at " + where + ", so job states, PIDs and the plists loaded are unknown.");
            out.println("Checked the process table only (" + processCount + " processes): "
                    + (configured ? "processes tagged with the configured jobs' labels and listeners on their ports"
                            : "every process carrying a LAUNCHGUARD_JOB tag (give --config to check ports too)") + ".");
        } else {
            out.println("Asked launchguard at " + where + " about " + jobs.size() + " job(s) and the process table ("
                    + processCount + " processes).");
        }
        for (Diagnosis.Problem problem : problems) {
            out.println("problem: " + problem.kind().tag() + ": " + problem.message());
        }
        out.println(problems.isEmpty() ? "no problems found" : problems.size() + " problem(s) found");
    }
}
