package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code launchguard enable LABEL}: clear a job's disabled override and load it again. */
@Command(name = "enable",
        mixinStandardHelpOptions = true,
        description = {"Clear a job's disabled override and load it again from its plist.",
            "Goes through the running launchguard, which resumes probing the job. Watch 'launchguard status'",
            "for it to become READY."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job is enabled and loaded",
            "1:launchguard refused or failed it (unknown job, the plist cannot be loaded)",
            "2:bad usage or input (an invalid label, a token file missing, readable by others or not matching)",
            "3:no running launchguard answered at the URL tried"})
final class EnableCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Parameters(index = "0", paramLabel = "LABEL", description = "the job's launchd Label")
    String label;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JobAction.Result result = JobAction.post("enable", instance, label, "enable", spec.commandLine().getErr());
        if (result.body().isEmpty()) {
            return result.exit();
        }
        JsonNode job = result.body().get();
        out.println("enabled " + label + ": state " + job.path("state").asText() + ", pid "
                + (job.path("pid").isNumber() ? job.path("pid").asText() : "-"));
        out.flush();
        return 0;
    }
}
