package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.time.Latency;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * An operator's action on one job that is done only when the job is READY again: kickstart,
 * enable, reset. Posts the action, then waits for its outcome ({@link ActionWait}), bounded by the
 * job's ready budget, and prints what happened with its timings; exits 1 when it did not happen.
 * {@code --no-wait} returns once launchguard has issued it; {@code --json} prints one JSON document.
 */
abstract class WaitedAction implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Parameters(index = "0", paramLabel = "LABEL", description = "the job's launchd Label")
    String label;

    @Option(names = "--no-wait", description = "return once launchguard has issued it, without waiting for the job to be READY")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long to wait for READY: 60s, 2m, 90 (seconds) or ISO-8601 PT60S (default: the job's "
                    + "ready budget plus 15 s)")
    Duration timeout;

    @Option(names = "--json", description = "print the outcome as one JSON document: ok, elapsedMs, the job, its respawn, error")
    boolean json;

    /** The command's name, which is also the API action's. */
    abstract String action();

    /** The past tense for the outcome line: {@code kickstarted}, {@code enabled}. */
    abstract String done();

    /** Whether a job left loaded but not running (waiting for launchd) counts as done. */
    boolean stoppedIsDone() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        StringWriter refused = new StringWriter();
        JobAction.Result result;
        try (PrintWriter refusal = new PrintWriter(refused)) {
            result = JobAction.post(action(), instance, label, action(), refusal, err);
        }
        if (result.body().isEmpty() || result.client().isEmpty()) {
            err.print(refused);
            err.flush();
            if (json) {
                print(out, failed(refused.toString().strip()));
            }
            return result.exit();
        }
        JsonNode posted = result.body().get();
        long oldPid = replacedPid(posted);
        if (noWait) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (json) {
                print(out, answer(true, false, elapsed, posted, Optional.empty()));
            } else {
                out.println(action() + " of " + label + " issued in " + ActionWait.seconds(elapsed) + ": state "
                        + posted.path("state").asText() + ActionWait.reasonOf(posted) + " (not waiting for READY)");
                out.flush();
            }
            return 0;
        }
        ActionWait.Outcome outcome = new ActionWait(result.client().get(), label, err, System::nanoTime)
                .untilReady(posted, ActionWait.allowed(posted, Optional.ofNullable(timeout)), stoppedIsDone());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        JsonNode job = outcome.job();
        Optional<JsonNode> respawn = outcome.ready() ? respawnOf(job) : Optional.empty();
        if (json) {
            print(out, answer(outcome.ready(), true, elapsed, job, outcome.failure()).set("respawn",
                    respawn.orElse(null)));
        } else if (outcome.ready()) {
            out.println(done() + " " + label + ": " + job.path("state").asText() + " in " + ActionWait.seconds(elapsed)
                    + ", pid " + (oldPid > 0 ? oldPid + " -> " : "") + pidOf(job)
                    + ("READY".equals(job.path("state").asText()) ? "" : ActionWait.reasonOf(job)));
            respawn.ifPresent(r -> out.println("  respawn " + Latency.format(r.path("totalMs").asDouble()) + ": "
                    + phases(r.path("phasesMs"))));
            out.flush();
        }
        if (!outcome.ready()) {
            err.println("launchguard " + action() + ": " + outcome.failure().orElse("it did not happen"));
            err.flush();
            return Main.EXIT_PROBLEM;
        }
        return 0;
    }

    /** The instance a kickstart replaces: the newest restart's old pid, 0 when none ran. */
    private static long replacedPid(JsonNode job) {
        JsonNode restarts = job.path("restarts");
        if (restarts.size() == 0) {
            return 0;
        }
        JsonNode last = restarts.get(restarts.size() - 1);
        return last.path("oldPid").isNumber() && job.path("state").asText().equals("RECOVERING") ? last.path("oldPid").asLong() : 0;
    }

    /** The newest respawn, if it brought up the instance now running. */
    private static Optional<JsonNode> respawnOf(JsonNode job) {
        JsonNode respawns = job.path("respawns");
        if (respawns.size() == 0 || !job.path("pid").isNumber()) {
            return Optional.empty();
        }
        JsonNode last = respawns.get(respawns.size() - 1);
        return last.path("newPid").asLong() == job.path("pid").asLong() ? Optional.of(last) : Optional.empty();
    }

    private static String pidOf(JsonNode job) {
        return job.path("pid").isNumber() ? job.path("pid").asText() : "-";
    }

    private static String phases(JsonNode phases) {
        return "detection " + Latency.format(phases.path("detection").asDouble())
                + ", kill " + Latency.format(phases.path("kill").asDouble())
                + ", spawn wait " + Latency.format(phases.path("spawnWait").asDouble())
                + ", start to port " + Latency.format(phases.path("startToPort").asDouble())
                + ", port to ready " + Latency.format(phases.path("portToReady").asDouble());
    }

    private ObjectNode answer(boolean ok, boolean waited, Duration elapsed, JsonNode job, Optional<String> error) {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", label);
        node.put("action", action());
        node.put("ok", ok);
        node.put("waited", waited);
        node.put("elapsedMs", elapsed.toNanos() / 1_000_000.0);
        node.set("job", job);
        error.ifPresentOrElse(e -> node.put("error", e), () -> node.putNull("error"));
        return node;
    }

    private ObjectNode failed(String error) {
        ObjectNode node = JSON.createObjectNode();
        node.put("label", label);
        node.put("action", action());
        node.put("ok", false);
        node.put("waited", false);
        node.putNull("elapsedMs");
        node.putNull("job");
        node.put("error", error.replaceFirst("^launchguard " + action() + ": ", ""));
        return node;
    }

    private static void print(PrintWriter out, JsonNode node) {
        out.println(node.toString());
        out.flush();
    }
}
