package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.Label;
import dev.launchguard.api.TokenFile;
import dev.launchguard.api.TokenFileException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code launchguard kickstart LABEL}: kill and restart one job now, through the running launchguard. */
@Command(name = "kickstart",
        mixinStandardHelpOptions = true,
        description = {"Kill and restart a job now through the running launchguard (recorded as a manual restart).",
            "Authenticates with the token file named in <state-dir>/runtime.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the kickstart was issued",
            "1:launchguard refused or failed it (unknown job, the job manager failed to kickstart)",
            "2:bad usage or input (an invalid label, a token file missing, readable by others or not matching)",
            "3:no running launchguard answered at the URL tried"})
final class KickstartCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Parameters(index = "0", paramLabel = "LABEL", description = "the job's launchd Label")
    String label;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Label.isValid(label)) {
            err.println("launchguard kickstart: '" + label + "' is not a job label: use letters, digits, '.', '-' and '_'");
            return Main.EXIT_USAGE;
        }
        InstanceOptions.Target target = instance.resolve();
        ApiClient client;
        String token;
        try {
            client = new ApiClient(target.url());
            token = TokenFile.read(target.tokenFile());
        } catch (IllegalArgumentException | TokenFileException e) {
            err.println("launchguard kickstart: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ApiClient.Reply reply;
        try {
            reply = client.post("/api/v1/jobs/" + label + "/kickstart", Optional.of(token));
        } catch (ApiClient.UnreachableException e) {
            err.println("launchguard kickstart: no running launchguard answered at " + client.base() + " (from "
                    + target.source() + "): " + e.getMessage());
            return StatusCommand.EXIT_UNREACHABLE;
        }
        if (reply.ok()) {
            JsonNode job = new ObjectMapper().readTree(reply.body());
            out.println("kickstarted " + label + ": state " + job.path("state").asText() + ", pid "
                    + (job.path("pid").isNumber() ? job.path("pid").asText() : "-"));
            out.flush();
            return 0;
        }
        err.println("launchguard kickstart: " + reply.error());
        return reply.status() == 401 || reply.status() == 403 || reply.status() == 400 ? Main.EXIT_USAGE : Main.EXIT_PROBLEM;
    }
}
