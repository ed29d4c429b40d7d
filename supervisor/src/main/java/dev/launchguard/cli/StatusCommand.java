package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.time.Latency;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiTarget;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code launchguard status}: every job of the running launchguard, its state, PID and last respawn. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {"Show the jobs of the running launchguard: state, PID and last respawn latency.",
            "Finds it through <state-dir>/runtime.json, else at the default address."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every job is READY",
            "1:a job is not READY, or launchguard answered with an error",
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

    @Option(names = "--json", description = "print the API's JSON: {\"jobs\": [{\"label\", \"state\", \"pid\", ...}]}")
    boolean json;

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
        ApiClient.Reply reply;
        try {
            reply = client.get("/api/v1/jobs");
        } catch (ApiClient.UnreachableException e) {
            err.println("launchguard status: no running launchguard answered at " + client.base() + " (from "
                    + target.source() + "): " + e.getMessage());
            return EXIT_UNREACHABLE;
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
