package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.time.Latency;
import dev.launchguard.chaos.ProcessSignals;
import dev.launchguard.chaos.RecoveryWatch;
import dev.launchguard.chaos.Respawn;
import dev.launchguard.chaos.RespawnPhase;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
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
            description = {"SIGKILL the job's current process (a crash) and measure its recovery.",
                "Waits for the job to be READY again and prints the respawn latency and its phases."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the job is READY again with a new instance", "1:the job has no running process, the "
                + "signal failed, or it did not recover within --timeout", "2:bad usage (an invalid label, a --url "
                + "that is not loopback http)", "3:no running launchguard answered at the URL tried"})
    static final class Kill extends SignalCommand {
        Kill() {
            super("KILL", "kill");
        }
    }

    /** {@code chaos wedge}: SIGSTOP, alive but answering nothing, which launchguard must judge wedged. */
    @Command(name = "wedge", mixinStandardHelpOptions = true,
            description = {"SIGSTOP the job's current process (alive, answering nothing) and measure its recovery.",
                "Waits for launchguard to judge it wedged, replace it and see it READY; prints the respawn latency",
                "and its phases."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:the job is READY again with a new instance", "1:the job has no running process, the "
                + "signal failed, or it did not recover within --timeout", "2:bad usage (an invalid label, a --url "
                + "that is not loopback http)", "3:no running launchguard answered at the URL tried"})
    static final class Wedge extends SignalCommand {
        Wedge() {
            super("STOP", "wedge");
        }
    }

    /** The shared run of a signal fault: find the PID, signal it, wait until the job has recovered. */
    abstract static class SignalCommand implements Callable<Integer> {

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

        @Option(names = "--json", description = "print the outcome as one JSON document: ok, the respawn with its phases, error")
        boolean json;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60S",
                description = "how long to wait for the job to be READY again: 60s, 2m, 90 (seconds) or ISO-8601 PT60S (default: 60 s)",
                converter = DurationConverter.class)
        Duration timeout;

        SignalCommand(String signal, String name) {
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
                err.println(me + ": " + Unreachable.message(client, target, e));
                return StatusCommand.EXIT_UNREACHABLE;
            }
            if (!job.path("pid").isNumber()) {
                err.println(me + ": job '" + label + "' has no running process (state " + job.path("state").asText() + ")"
                        + ActionWait.hintOf(job));
                return Main.EXIT_PROBLEM;
            }
            long pid = job.path("pid").asLong();
            Optional<String> failure = ProcessSignals.send(pid, signal);
            Instant faultAt = Instant.now();
            if (failure.isPresent()) {
                err.println(me + ": job '" + label + "' pid " + pid + " could not be signalled: " + failure.get());
                return Main.EXIT_PROBLEM;
            }
            PrintWriter told = json ? err : out;
            told.println("SIG" + signal + " sent to " + label + " pid " + pid + " at " + faultAt);
            told.flush();
            if (noWait) {
                return 0;
            }
            return awaitRecovery(client, pid, faultAt, out, err, me);
        }

        /** Waits until the job is READY with a respawn that replaced {@code pid}; prints it. */
        private int awaitRecovery(ApiClient client, long pid, Instant faultAt, PrintWriter out, PrintWriter err,
                String me) throws IOException, InterruptedException {
            RecoveryWatch.Outcome outcome = RecoveryWatch.await(client, label, pid, timeout, (waited, state) -> {
                err.println("  waiting for " + label + " (" + String.format(java.util.Locale.ROOT, "%.1f s",
                        waited.toMillis() / 1000.0) + "): " + state);
                err.flush();
            });
            if (json) {
                printJson(outcome, pid, faultAt, out);
                if (outcome.respawn().isPresent()) {
                    return 0;
                }
            } else if (outcome.respawn().isPresent()) {
                print(outcome.respawn().get(), faultAt, out);
                return 0;
            }
            boolean settled = outcome.lastSeen().startsWith("QUARANTINED") || outcome.lastSeen().startsWith("DISABLED");
            err.println(me + ": job '" + label + "' " + (settled ? "will not recover by itself: it is "
                    + outcome.lastSeen() : "was not READY with a new instance within " + timeout.toSeconds()
                    + " s (last seen: " + outcome.lastSeen() + ")"));
            return Main.EXIT_PROBLEM;
        }

        private void printJson(RecoveryWatch.Outcome outcome, long pid, Instant faultAt, PrintWriter out) {
            com.fasterxml.jackson.databind.node.ObjectNode node = new ObjectMapper().createObjectNode();
            node.put("label", label);
            node.put("fault", "SIG" + signal);
            node.put("pid", pid);
            node.put("faultAt", faultAt.toString());
            node.put("ok", outcome.respawn().isPresent());
            outcome.respawn().ifPresentOrElse(r -> {
                com.fasterxml.jackson.databind.node.ObjectNode respawn = node.putObject("respawn");
                respawn.put("oldPid", r.oldPid());
                respawn.put("newPid", r.newPid());
                respawn.put("cause", r.cause());
                respawn.put("totalMs", r.totalMillis());
                respawn.put("faultToReadyMs", r.faultToReadyMillis(faultAt));
                com.fasterxml.jackson.databind.node.ObjectNode phases = respawn.putObject("phasesMs");
                for (RespawnPhase phase : RespawnPhase.values()) {
                    phases.put(phase.key(), r.phases().of(phase));
                }
                node.putNull("error");
            }, () -> {
                node.putNull("respawn");
                node.put("error", "not READY with a new instance within " + timeout.toSeconds() + " s (last seen: "
                        + outcome.lastSeen() + ")");
            });
            out.println(node.toString());
            out.flush();
        }

        private void print(Respawn respawn, Instant faultAt, PrintWriter out) {
            out.println(label + " is READY again: pid " + respawn.oldPid() + " -> " + respawn.newPid() + " (cause "
                    + respawn.cause() + ")");
            out.println("  respawn latency:  " + Latency.format(respawn.totalMillis()) + " (launchguard's measure, from "
                    + ("crash".equals(respawn.cause()) ? "the observed exit" : "the wedge verdict") + ")");
            out.println("  fault to ready:   " + Latency.format(respawn.faultToReadyMillis(faultAt)));
            out.println("  phases:           detection " + Latency.format(respawn.phases().of(RespawnPhase.DETECTION))
                    + ", kill " + Latency.format(respawn.phases().of(RespawnPhase.KILL))
                    + ", spawn wait " + Latency.format(respawn.phases().of(RespawnPhase.SPAWN_WAIT))
                    + ", start to port " + Latency.format(respawn.phases().of(RespawnPhase.START_TO_PORT))
                    + ", port to ready " + Latency.format(respawn.phases().of(RespawnPhase.PORT_TO_READY)));
            out.flush();
        }
    }
}
