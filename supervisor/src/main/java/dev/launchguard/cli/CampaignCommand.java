package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.chaos.Campaign;
import dev.launchguard.chaos.CampaignSummary;
import dev.launchguard.chaos.CampaignTargets;
import dev.launchguard.chaos.CampaignVerdict;
import dev.launchguard.chaos.Fault;
import dev.launchguard.chaos.FaultPlan;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import dev.launchguard.spelling.Spelling;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code launchguard chaos campaign}: many faults against the running fleet, each recovery measured, then a verdict. */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = {"Inject faults into the running fleet one after another and record each recovery.",
            "Each fault waits until every job is READY; each recovery is waited for and recorded (JSON lines,",
            "docs/chaos.md); at the end it checks that every job is READY, that nothing was left behind (no",
            "orphan, no port squatter, no second instance, no restart that no fault caused) and that every",
            "respawn met the target (--target, 15 s). Targets must be on this machine (a loopback launchguard",
            "URL). Ctrl-C stops after the event under way and still runs the final check.",
            "Faults: kill (SIGKILL), wedge (SIGSTOP); for a job that serves from a child under a wrapper,",
            "kill-child and wedge-child (the same to that child) instead of wedge; for a sample model server",
            "started with --chaos: deadlock, poison, leak, exit; supervisor-kill (SIGKILL of launchguard itself)",
            "only when asked for."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every fault recovered within the target and the final check found nothing", "1:an event "
            + "did not recover, a respawn took longer than the target, or the final check found a problem (the "
            + "verdict names each)", "2:bad usage (an unknown fault or label, a bad "
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

    @Option(names = "--target", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
            description = "the respawn target: a respawn slower than this fails the campaign and is named in its "
                    + "verdict: 15s, 500ms, 2m, or ISO-8601 (default: 15s)")
    Duration respawnTarget;

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
        try {
            List<Fault> faults = faults();
            ApiTarget target = instance.resolve();
            ApiClient api = client(target);
            CampaignTargets targets = CampaignTargets.discover(api, chosenLabels(api, target), faults);
            FaultPlan plan = plan(targets);
            Campaign.Settings settings = new Campaign.Settings(count, duration, interval, eventTimeout, respawnTarget);
            Campaign campaign = new Campaign(api, settings, targets, instance.stateDir(), target.url(),
                    restartLaunchguard);
            stdout.println(ME + ": " + count + " faults (" + plan.order()
                    + plan.seed().stream().mapToObj(s -> ", seed " + s).findFirst().orElse("") + ") against " + api.base());
            targets.faults().forEach((label, list) -> stdout.println("  " + label + ": "
                    + String.join(", ", list.stream().map(Fault::wireName).toList())));
            stdout.println("  results: " + out.toAbsolutePath());
            stdout.flush();
            CampaignVerdict verdict = campaign.run(plan, faults, out, err, System.console() != null);
            CampaignSummary.print(stdout, campaign.events(), verdict);
            campaign.keeperLog().ifPresent(log -> stdout.println(
                    "launchguard was restarted by the campaign; its output: " + log));
            stdout.flush();
            return verdict.passed() ? 0 : Main.EXIT_PROBLEM;
        } catch (Refused e) {
            err.println(ME + ": " + e.getMessage());
            return e.exit;
        }
    }

    /** The faults asked for: every fault when a script names them, else {@code --faults}. */
    private List<Fault> faults() throws Refused {
        if (script != null && spec.commandLine().getParseResult().hasMatchedOption("--faults")) {
            throw new Refused(Main.EXIT_USAGE, "give --faults or --script, not both: a script names each step's fault");
        }
        List<Fault> faults = new ArrayList<>();
        try {
            faultNames.forEach(n -> faults.add(Fault.parse(n.strip())));
        } catch (IllegalArgumentException e) {
            throw new Refused(Main.EXIT_USAGE, "--faults: " + e.getMessage());
        }
        if (count < 1) {
            throw new Refused(Main.EXIT_USAGE, "--count " + count + " must be at least 1");
        }
        return script != null ? List.of(Fault.values()) : faults;
    }

    private static ApiClient client(ApiTarget target) throws Refused {
        try {
            return ApiClient.of(target);
        } catch (IllegalArgumentException e) {
            throw new Refused(Main.EXIT_USAGE, e.getMessage());
        }
    }

    /** {@code --labels}, each one a job the running launchguard supervises; else every job it supervises. */
    private List<String> chosenLabels(ApiClient api, ApiTarget target) throws Refused, IOException {
        JsonNode fleet;
        try {
            ApiClient.Reply reply = api.get("/api/v1/jobs");
            if (!reply.ok()) {
                throw new Refused(Main.EXIT_PROBLEM, api.base() + "/api/v1/jobs answered " + reply.status() + ": "
                        + reply.error());
            }
            fleet = JSON.readTree(reply.body());
        } catch (ApiClient.UnreachableException e) {
            throw new Refused(StatusCommand.EXIT_UNREACHABLE, Unreachable.message(api, target, e));
        }
        List<String> known = new ArrayList<>();
        fleet.path("jobs").forEach(j -> known.add(j.path("label").asText()));
        List<String> chosen = labels == null ? known : labels;
        for (String label : chosen) {
            if (!Label.isValid(label) || !known.contains(label)) {
                throw new Refused(Main.EXIT_USAGE, "--labels: job '" + label + "' is not supervised at " + api.base()
                        + Spelling.nearest(label, known).map(n -> " (did you mean '" + n + "'?)").orElse("")
                        + ": one of " + String.join(", ", known));
            }
        }
        return chosen;
    }

    /** {@code --script}'s order, else a random one from {@code --seed} (drawn when not given). */
    private FaultPlan plan(CampaignTargets targets) throws Refused {
        try {
            return script != null ? FaultPlan.scripted(FaultPlan.readScript(script, targets.faults()))
                    : FaultPlan.random(seed != null ? seed : new SecureRandom().nextLong(), targets.faults());
        } catch (IOException e) {
            throw new Refused(Main.EXIT_USAGE, "--script " + script + " cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Refused(Main.EXIT_USAGE, e.getMessage());
        }
    }

    /** Why the campaign did not start, and the exit code that says so. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int exit;

        Refused(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    /** Reads {@code --interval} like the other durations (15s, 500ms, PT1M), but zero is allowed. */
    static final class GapConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationConverter.zeroOrMore(value);
        }
    }
}
