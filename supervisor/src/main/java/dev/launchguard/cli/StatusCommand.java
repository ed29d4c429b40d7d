package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.time.Latency;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code launchguard status [LABEL]}: every job of the running launchguard, its state, PID and last
 * respawn; or one job in full.
 */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {"Show the jobs of the running launchguard, or one job in full.",
            "Without LABEL: each job's state, PID and last respawn latency.",
            "With LABEL: its state and why, uptime, restarts in the last hour and day,",
            "each recent restart with its evidence and respawn phases, the last probe",
            "per role and the CPU and memory of its process tree.",
            "Finds launchguard through <state-dir>/runtime.json, else at the default",
            "address."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every job (or the job named) is READY",
            "1:a job is not READY, the job named is not watched, or launchguard answered with an error",
            "2:bad usage (a --url that is not loopback http)",
            "3:no running launchguard answered at the URL tried"})
final class StatusCommand implements Callable<Integer> {

    /** Unreachable: shares code 3 with "the job manager failed", since the daemon fronts the job manager. */
    static final int EXIT_UNREACHABLE = Main.EXIT_JOB_MANAGER;

    private static final String[] COLUMNS = {"LABEL", "STATE", "PID", "LAST RESPAWN"};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Option(names = "--json", description = "print the API's JSON: {\"jobs\": [{\"label\", \"state\", \"pid\", ...}]}, "
            + "or with LABEL the job's own")
    boolean json;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "LABEL",
            description = "show this job in full (its launchd Label)")
    String label;

    @Option(names = "--evidence", description = "with LABEL: also show the evidence kept before its latest restart "
            + "(the snapshot; needs the token)")
    boolean evidence;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ApiTarget target = instance.resolve();
        ApiClient client;
        try {
            client = ApiClient.of(target);
        } catch (IllegalArgumentException e) {
            err.println("launchguard status: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (label != null) {
            return one(client, target, out, err);
        }
        ApiClient.Reply reply;
        try {
            reply = client.get("/api/v1/jobs");
        } catch (ApiClient.UnreachableException e) {
            return Unreachable.print(err, "status", client, target, e);
        }
        if (!reply.ok()) {
            err.println("launchguard status: " + client.base() + " answered " + reply.status() + ": " + reply.error());
            return Main.EXIT_PROBLEM;
        }
        JsonNode jobs = new ObjectMapper().readTree(reply.body()).path("jobs");
        if (json) {
            out.println(reply.body());
        } else {
            out.print(table(jobs));
        }
        out.flush();
        for (JsonNode job : jobs) {
            if (!"READY".equals(job.path("state").asText())) {
                return Main.EXIT_PROBLEM;
            }
        }
        return 0;
    }

    private int one(ApiClient client, ApiTarget target, PrintWriter out, PrintWriter err) throws Exception {
        if (!Label.isValid(label)) {
            err.println("launchguard status: '" + label + "' is not a job label: use letters, digits, '.', '-' and '_'");
            return Main.EXIT_USAGE;
        }
        ApiClient.Reply reply;
        try {
            reply = client.get("/api/v1/jobs/" + label);
        } catch (ApiClient.UnreachableException e) {
            return Unreachable.print(err, "status", client, target, e);
        }
        if (!reply.ok()) {
            err.println("launchguard status: " + reply.error());
            return Main.EXIT_PROBLEM;
        }
        JsonNode job = new ObjectMapper().readTree(reply.body());
        out.print(json ? reply.body() + System.lineSeparator() : JobStatusText.render(job, Instant.now()));
        out.flush();
        int exit = "READY".equals(job.path("state").asText()) ? 0 : Main.EXIT_PROBLEM;
        if (evidence && !json) {
            out.println();
            try {
                int shown = SnapshotCommand.show(client, label, null, false, out, err, "status");
                return shown == 0 ? exit : shown;
            } catch (ApiClient.UnreachableException e) {
                return Unreachable.print(err, "status", client, target, e);
            }
        }
        return exit;
    }

    static String table(JsonNode jobs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (JsonNode job : jobs) {
            JsonNode latency = job.path("lastRespawnMs");
            rows.add(new String[] {
                job.path("label").asText(),
                job.path("state").asText(),
                job.path("pid").isNumber() ? job.path("pid").asText() : "-",
                latency.isNumber() ? Latency.format(latency.asDouble()) : "-"});
        }
        int[] widths = new int[COLUMNS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
