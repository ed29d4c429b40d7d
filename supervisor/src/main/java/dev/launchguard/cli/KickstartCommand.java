package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
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
        JobAction.Result result = JobAction.post("kickstart", instance, label, "kickstart", spec.commandLine().getErr());
        if (result.body().isEmpty()) {
            return result.exit();
        }
        JsonNode job = result.body().get();
        PrintWriter out = spec.commandLine().getOut();
        out.println("kickstarted " + label + ": state " + job.path("state").asText() + ", pid "
                + (job.path("pid").isNumber() ? job.path("pid").asText() : "-"));
        out.flush();
        return 0;
    }
}
