package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.api.Latency;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code launchguard chaos kill|wedge LABEL}: inject one fault into a job of the running launchguard
 * and watch it recover. The PID comes from the API; the signal is sent by {@code kill -s SIG PID}
 * run as an argument array, never through a shell.
 */
@Command(name = "chaos",
        mixinStandardHelpOptions = true,
        description = "Inject a fault into a job of the running launchguard (this machine only) and measure its recovery.",
        subcommands = {ChaosCommand.Kill.class, ChaosCommand.Wedge.class, CampaignCommand.class})
final class ChaosCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code chaos kill}: SIGKILL, which launchguard sees as a crash. */
    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = {"SIGKILL the job's current process (a crash), then wait for it to be READY again and print",
                "the respawn latency and its phases."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the job is READY again with a new instance", "1:the job has no running process, the "
                + "signal failed, or it did not recover within --timeout", "2:bad usage (an invalid label, a --url "
                + "that is not loopback http)", "3:no running launchguard answered at the URL tried"})
    static final class Kill extends Fault {
        Kill() {
            super("KILL", "kill");
        }
    }

    /** {@code chaos wedge}: SIGSTOP, alive but answering nothing, which launchguard must judge wedged. */
    @Command(name = "wedge", mixinStandardHelpOptions = true,
            description = {"SIGSTOP the job's current process (alive, answering nothing), then wait for launchguard",
                "to judge it wedged, replace it and see it READY; print the respawn latency and its phases."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the job is READY again with a new instance", "1:the job has no running process, the "
                + "signal failed, or it did not recover within --timeout", "2:bad usage (an invalid label, a --url "
                + "that is not loopback http)", "3:no running launchguard answered at the URL tried"})
    static final class Wedge extends Fault {
        Wedge() {
            super("STOP", "wedge");
        }
    }

    /** The shared run of a fault: find the PID, signal it, poll the API until the job has recovered. */
    abstract static class Fault implements Callable<Integer> {

        /** How often the API is asked whether the job has recovered: well under a fast recovery's probe cadence. */
        private static final Duration POLL = Duration.ofMillis(50);

        private final String signal;
        private final String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        InstanceOptions instance;

        @Parameters(index = "0", paramLabel = "LABEL", description = "the job's launchd Label")
        String label;

        @Option(names = "--no-wait", description = "send the signal and return without waiting for the recovery")
        boolean noWait;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60S",
                description = "how long to wait for the job to be READY again: 60s, 2m, 90 (seconds) or ISO-8601 PT60S (default: 60 s)",
                converter = DurationConverter.class)
        Duration timeout;

        Fault(String signal, String name) {
            this.signal = signal;
            this.name = name;
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String me = "launchguard chaos " + name;
            if (!Label.isValid(label)) {
                err.println(me + ": '" + label + "' is not a job label: use letters, digits, '.', '-' and '_'");
                return Main.EXIT_USAGE;
            }
            ApiTarget target = instance.resolve();
            ApiClient client;
            try {
                client = ApiClient.of(target);
            } catch (IllegalArgumentException e) {
                err.println(me + ": " + e.getMessage());
                return Main.EXIT_USAGE;
            }
            JsonNode job;
            try {
                ApiClient.Reply reply = client.get("/api/v1/jobs/" + label);
                if (!reply.ok()) {
                    err.println(me + ": " + reply.error());
                    return Main.EXIT_PROBLEM;
                }
                job = new ObjectMapper().readTree(reply.body());
            } catch (ApiClient.UnreachableException e) {
                err.println(me + ": no running launchguard answered at " + client.base() + " (from " + target.source()
                        + "): " + e.getMessage());
                return StatusCommand.EXIT_UNREACHABLE;
            }
            if (!job.path("pid").isNumber()) {
                err.println(me + ": job '" + label + "' has no running process (state " + job.path("state").asText() + ")");
                return Main.EXIT_PROBLEM;
            }
            long pid = job.path("pid").asLong();
            Optional<String> failure = ProcessSignals.send(pid, signal);
            Instant faultAt = Instant.now();
            if (failure.isPresent()) {
                err.println(me + ": job '" + label + "' pid " + pid + " could not be signalled: " + failure.get());
                return Main.EXIT_PROBLEM;
            }
            out.println("SIG" + signal + " sent to " + label + " pid " + pid + " at " + faultAt);
            out.flush();
            if (noWait) {
                return 0;
            }
            return awaitRecovery(client, pid, faultAt, out, err, me);
        }

        /** Polls until the job is READY with a respawn that replaced {@code pid}; prints it. */
        private int awaitRecovery(ApiClient client, long pid, Instant faultAt, PrintWriter out, PrintWriter err,
                String me) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            ObjectMapper json = new ObjectMapper();
            String lastState = "";
            while (System.nanoTime() < deadline) {
                try {
                    ApiClient.Reply reply = client.get("/api/v1/jobs/" + label);
                    if (reply.ok()) {
                        JsonNode job = json.readTree(reply.body());
                        lastState = job.path("state").asText();
                        Optional<JsonNode> respawn = respawnOf(job, pid);
                        if ("READY".equals(lastState) && respawn.isPresent()) {
                            print(respawn.get(), faultAt, out);
                            return 0;
                        }
                    }
                } catch (ApiClient.UnreachableException e) {
                    lastState = "launchguard unreachable: " + e.getMessage();
                }
                Thread.sleep(POLL.toMillis());
            }
            err.println(me + ": job '" + label + "' was not READY with a new instance within " + timeout.toSeconds()
                    + " s (last seen: " + lastState + ")");
            return Main.EXIT_PROBLEM;
        }

        /** The newest respawn that replaced {@code pid}. */
        static Optional<JsonNode> respawnOf(JsonNode job, long pid) {
            JsonNode respawns = job.path("respawns");
            for (int i = respawns.size() - 1; i >= 0; i--) {
                JsonNode r = respawns.get(i);
                if (r.path("oldPid").isNumber() && r.path("oldPid").asLong() == pid) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        private void print(JsonNode respawn, Instant faultAt, PrintWriter out) {
            double total = respawn.path("totalMs").asDouble();
            Instant stopped = Instant.parse(respawn.path("stoppedServingAt").asText());
            Instant readyAt = stopped.plusNanos((long) (total * 1_000_000));
            double fromFault = Duration.between(faultAt, readyAt).toNanos() / 1_000_000.0;
            JsonNode phases = respawn.path("phasesMs");
            out.println(label + " is READY again: pid " + respawn.path("oldPid").asText() + " -> "
                    + respawn.path("newPid").asText() + " (cause " + respawn.path("cause").asText() + ")");
            out.println("  respawn latency:  " + Latency.format(total) + " (launchguard's measure, from "
                    + ("crash".equals(respawn.path("cause").asText()) ? "the observed exit" : "the wedge verdict") + ")");
            out.println("  fault to ready:   " + Latency.format(Math.max(0, fromFault)));
            out.println("  phases:           detection " + Latency.format(phases.path("detection").asDouble())
                    + ", kill " + Latency.format(phases.path("kill").asDouble())
                    + ", spawn wait " + Latency.format(phases.path("spawnWait").asDouble())
                    + ", start to port " + Latency.format(phases.path("startToPort").asDouble())
                    + ", port to ready " + Latency.format(phases.path("portToReady").asDouble()));
            out.flush();
        }
    }
}
