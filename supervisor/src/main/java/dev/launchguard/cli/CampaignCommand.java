package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.chaos.Fault;
import dev.launchguard.chaos.FaultPlan;
import dev.launchguard.chaos.ResultsLog;
import dev.launchguard.chaos.Verdict;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.spelling.Spelling;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code launchguard chaos campaign}: many faults against the running fleet, each recovery measured, then a verdict. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = {"Inject faults into the running fleet one after another, each once every job is READY; wait for",
            "each recovery and record it (JSON lines, docs/chaos.md); at the end check that every job is READY",
            "and that nothing was left behind: no orphan, no port squatter, no second instance, no restart that",
            "no fault caused. Targets must be on this machine (a loopback launchguard URL). Ctrl-C stops after the",
            "event under way and still runs the final check.",
            "Faults: kill (SIGKILL), wedge (SIGSTOP); for a job that serves from a child under a wrapper,",
            "kill-child and wedge-child (the same to that child) instead of wedge; for a sample model server",
            "started with --chaos: deadlock, poison, leak, exit; supervisor-kill (SIGKILL of launchguard itself)",
            "only when asked for."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every fault recovered and the final check found nothing", "1:an event did not recover or "
            + "the final check found a problem (see the verdict)", "2:bad usage (an unknown fault or label, a bad "
            + "script, a --url that is not loopback http)", "3:no running launchguard answered at the URL tried"})
final class CampaignCommand implements Callable<Integer> {

    private static final String ME = "launchguard chaos campaign";
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Option(names = "--count", defaultValue = "100", description = "faults to inject (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--duration", defaultValue = "PT1H", converter = DurationConverter.class,
            description = "stop injecting after this long: 30m, 3h, PT1H (default: 1 h)")
    Duration duration;

    @Option(names = "--interval", defaultValue = "0", converter = GapConverter.class,
            description = "at least this long from one fault to the next: 500ms, 2s, PT1M (default: 0, as soon as "
                    + "the fleet is READY again)")
    Duration interval;

    @Option(names = "--event-timeout", defaultValue = "PT2M", converter = DurationConverter.class,
            description = "how long one recovery may take before the event counts as not recovered (default: 2 min)")
    Duration eventTimeout;

    @Option(names = "--faults", split = ",", paramLabel = "FAULT",
            description = "faults to draw from (default: kill,wedge,kill-child,wedge-child,deadlock,poison,leak,exit; "
                    + "add supervisor-kill to kill launchguard itself too)")
    List<String> faultNames = List.of("kill", "wedge", "kill-child", "wedge-child", "deadlock", "poison", "leak", "exit");

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "jobs to target (default: every job)")
    List<String> labels;

    @Option(names = "--seed", description = "seed of the random order (default: drawn, and printed)")
    Long seed;

    @Option(names = "--script", paramLabel = "FILE",
            description = "inject in this order instead: one 'LABEL FAULT' per line ('launchguard supervisor-kill' for "
                    + "launchguard itself), repeated until --count")
    Path script;

    @Option(names = "--restart-launchguard",
            description = "after supervisor-kill, start launchguard again with the command line, folder and environment "
                    + "it had (Linux; what launchd's KeepAlive does on a Mac). Without it the campaign waits for "
                    + "something else to restart it.")
    boolean restartLaunchguard;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "chaos-results.jsonl",
            description = "results, JSON lines (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (script != null && spec.commandLine().getParseResult().hasMatchedOption("--faults")) {
            err.println(ME + ": give --faults or --script, not both: a script names each step's fault");
            return Main.EXIT_USAGE;
        }
        List<Fault> faults = new ArrayList<>();
        try {
            faultNames.forEach(n -> faults.add(Fault.parse(n.strip())));
        } catch (IllegalArgumentException e) {
            err.println(ME + ": --faults: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (script != null) {
            faults.clear();
            faults.addAll(List.of(Fault.values()));
        }
        if (count < 1) {
            err.println(ME + ": --count " + count + " must be at least 1");
            return Main.EXIT_USAGE;
        }
        InstanceOptions.Target target = instance.resolve();
        ApiClient api;
        try {
            api = ApiClient.of(target);
        } catch (IllegalArgumentException e) {
            err.println(ME + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        JsonNode fleet;
        try {
            ApiClient.Reply reply = api.get("/api/v1/jobs");
            if (!reply.ok()) {
                err.println(ME + ": " + api.base() + "/api/v1/jobs answered " + reply.status() + ": " + reply.error());
                return Main.EXIT_PROBLEM;
            }
            fleet = JSON.readTree(reply.body());
        } catch (ApiClient.UnreachableException e) {
            err.println(ME + ": no running launchguard answered at " + api.base() + " (from " + target.source() + "): "
                    + e.getMessage());
            return StatusCommand.EXIT_UNREACHABLE;
        }
        List<String> known = new ArrayList<>();
        fleet.path("jobs").forEach(j -> known.add(j.path("label").asText()));
        List<String> chosen = labels == null ? known : labels;
        for (String label : chosen) {
            if (!Label.isValid(label) || !known.contains(label)) {
                err.println(ME + ": --labels: job '" + label + "' is not supervised at " + api.base()
                        + Spelling.nearest(label, known).map(n -> " (did you mean '" + n + "'?)").orElse("")
                        + ": one of " + String.join(", ", known));
                return Main.EXIT_USAGE;
            }
        }
        Map<String, Integer> adminPorts = faults.stream().anyMatch(Fault::needsModelServer)
                ? AdminPorts.discover(api, chosen) : Map.of();
        ServingChild servingChild = new ServingChild(new ProcessTable());
        Map<String, List<Integer>> childPorts = faults.stream().anyMatch(f -> f.targetsChild() || f == Fault.WEDGE)
                ? servingChild.discover(api, chosen) : Map.of();
        Map<String, List<Fault>> targets = targets(chosen, faults, adminPorts, childPorts.keySet());
        FaultPlan plan;
        try {
            plan = script != null ? FaultPlan.scripted(FaultPlan.readScript(script, targets))
                    : FaultPlan.random(seed != null ? seed : new SecureRandom().nextLong(), targets);
        } catch (IOException e) {
            err.println(ME + ": --script " + script + " cannot be read: " + e.getMessage());
            return Main.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println(ME + ": " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Path stateDir = instance.stateDir();
        Optional<LaunchguardKeeper> keeper = restartLaunchguard
                ? Optional.of(new LaunchguardKeeper(stateDir.resolve("logs").resolve("launchguard.log")))
                : Optional.empty();
        LaunchguardLife life = new LaunchguardLife(stateDir, target.url(), keeper);
        stdout.println(ME + ": " + count + " faults (" + plan.order()
                + plan.seed().stream().mapToObj(s -> ", seed " + s).findFirst().orElse("") + ") against " + api.base());
        targets.forEach((label, list) -> stdout.println("  " + label + ": "
                + String.join(", ", list.stream().map(Fault::wireName).toList())));
        stdout.println("  results: " + out.toAbsolutePath());
        stdout.flush();
        Verdict verdict;
        CampaignRun run;
        try (ResultsLog log = new ResultsLog(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            log.campaign(plan, Instant.now(), api.base().toString(), List.copyOf(targets.keySet()), faults, count);
            run = new CampaignRun(api, new CampaignRun.Settings(count, duration, interval, eventTimeout),
                    adminPorts, childPorts, servingChild, life, log, new Progress(err, count, System.console() != null));
            verdict = runUntilInterrupted(run, plan);
        }
        CampaignSummary.print(stdout, run.events(), verdict);
        keeper.ifPresent(k -> stdout.println("launchguard was restarted by the campaign; its output: " + k.log()));
        stdout.flush();
        return verdict.passed() ? 0 : Main.EXIT_PROBLEM;
    }

    /**
     * Runs the campaign; Ctrl-C or SIGTERM stops it after the event under way and still writes the
     * final check's verdict (the JVM waits for the hook, which waits for the campaign, bounded).
     */
    private Verdict runUntilInterrupted(CampaignRun run, FaultPlan plan) throws IOException, InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Duration bound = eventTimeout.multipliedBy(3);
        Thread hook = new Thread(() -> {
            run.stop();
            try {
                finished.await(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "campaign-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.run(plan);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and returns now that the latch is open.
            }
        }
    }

    /**
     * Each chosen job takes kill; wedge when its main process serves its port, the child faults
     * when a child of it does (a SIGSTOPped wrapper leaves its server answering, and launchguard
     * rightly leaves a serving job alone: wedge-child is that job's wedge); and the model server's
     * own faults when it answers /admin/fault.
     */
    private static Map<String, List<Fault>> targets(List<String> labels, List<Fault> faults, Map<String, Integer> admin,
            Set<String> servedByChild) {
        Map<String, List<Fault>> targets = new LinkedHashMap<>();
        for (String label : labels) {
            targets.put(label, faults.stream().filter(f -> !f.targetsLaunchguard())
                    .filter(f -> fits(f, servedByChild.contains(label)))
                    .filter(f -> !f.needsModelServer() || admin.containsKey(label)).toList());
        }
        if (faults.contains(Fault.SUPERVISOR_KILL)) {
            targets.put(FaultPlan.LAUNCHGUARD, List.of(Fault.SUPERVISOR_KILL));
        }
        return targets;
    }

    /** Whether a job that serves from a child of its main process (or does not) takes {@code fault}. */
    private static boolean fits(Fault fault, boolean servedByChild) {
        return switch (fault) {
            case WEDGE -> !servedByChild;
            case KILL_CHILD, WEDGE_CHILD -> servedByChild;
            default -> true;
        };
    }

    /** Reads {@code --interval} like the other durations (15s, 500ms, PT1M), but zero is allowed. */
    static final class GapConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationConverter.zeroOrMore(value);
        }
    }
}
