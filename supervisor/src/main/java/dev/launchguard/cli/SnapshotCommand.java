package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.client.ApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code launchguard snapshot LABEL [ID]}: the evidence kept at a job's restart, as text or JSON. */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {"Show the evidence kept before one of a job's restarts, the latest by default.",
            "Its threads by state and wait channel, CPU, RSS, open files, thread dump and log tails",
            "(docs/operations.md, Snapshots); 'launchguard status LABEL --evidence' shows the latest too.",
            "Authenticates with the token file named in <state-dir>/runtime.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the snapshot was shown",
            "1:no such job or snapshot, or the job has none kept",
            "2:bad usage or input (an invalid label or id, a token file missing, readable by others or not matching)",
            "3:no running launchguard answered at the URL tried"})
final class SnapshotCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Parameters(index = "0", paramLabel = "LABEL", description = "the job's launchd Label")
    String label;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "a snapshot id (default: the latest)")
    String id;

    @Option(names = "--json", description = "print the snapshot as kept, JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Label.isValid(label)) {
            err.println("launchguard snapshot: '" + label + "' is not a job label: use letters, digits, '.', '-' and '_'");
            return Main.EXIT_USAGE;
        }
        ApiClient client;
        try {
            client = ApiClient.of(instance.resolve());
        } catch (IllegalArgumentException e) {
            err.println("launchguard snapshot: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try {
            return show(client, label, id, json, out, err, "snapshot");
        } catch (ApiClient.UnreachableException e) {
            return Unreachable.print(err, "snapshot", client, instance.resolve(), e);
        }
    }

    /**
     * Prints the snapshot {@code id} of {@code label} (the latest when null) as text, or as kept with
     * {@code json}; returns the exit code. Errors are printed as {@code launchguard COMMAND: ...}.
     */
    static int show(ApiClient client, String label, String id, boolean json, PrintWriter out, PrintWriter err,
            String command) throws java.io.IOException, ApiClient.UnreachableException {
        ObjectMapper mapper = new ObjectMapper();
        String base = "/api/v1/jobs/" + label + "/snapshots";
        String wanted = id;
        if (wanted == null) {
            ApiClient.Reply list = client.get(base);
            if (!list.ok()) {
                return failed(list, err, command);
            }
            JsonNode latest = mapper.readTree(list.body()).path("snapshots").path(0);
            if (latest.isMissingNode()) {
                err.println("launchguard " + command + ": job '" + label + "' has no snapshot kept yet");
                return Main.EXIT_PROBLEM;
            }
            wanted = latest.path("id").asText();
        }
        ApiClient.Reply one = client.get(base + "/" + java.net.URLEncoder.encode(wanted,
                java.nio.charset.StandardCharsets.UTF_8));
        if (!one.ok()) {
            return failed(one, err, command);
        }
        JsonNode snapshot = mapper.readTree(one.body());
        out.print(json ? mapper.writerWithDefaultPrettyPrinter().writeValueAsString(snapshot) + "\n"
                : SnapshotText.render(snapshot));
        out.flush();
        return 0;
    }

    private static int failed(ApiClient.Reply reply, PrintWriter err, String command) {
        err.println("launchguard " + command + ": " + reply.error());
        boolean usage = reply.status() == 400 || reply.status() == 401 || reply.status() == 403;
        return usage ? Main.EXIT_USAGE : Main.EXIT_PROBLEM;
    }
}
