package dev.launchguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.launchguard.time.Latency;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code launchguard disable LABEL}: stop a job, verified, and keep it from loading until enabled. */
@Command(name = "disable",
        mixinStandardHelpOptions = true,
        description = {"Stop a job, verified, and keep it stopped until 'launchguard enable'.",
            "Through the running launchguard, the job manager boots the job out, verifies that its whole process",
            "tree is gone and its ports are free, and records a persistent disabled override (launchctl disable;",
            "the embedded engine's overrides file). launchguard stops probing and restarting it. Prints the",
            "teardown evidence. The job shows as DISABLED, with 'launchguard enable LABEL' as the way back."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the job is disabled and its teardown was verified clean",
            "1:launchguard refused or failed it (unknown job, job manager failure), or processes survived the teardown",
            "2:bad usage or input (an invalid label, a token file missing, readable by others or not matching)",
            "3:no running launchguard answered at the URL tried"})
final class DisableCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Parameters(index = "0", paramLabel = "LABEL", description = "the job's launchd Label")
    String label;

    @Option(names = "--json", description = "print the teardown evidence as the API's JSON: clean, stoppedPids, "
            + "forced, survivors, portsFreed, elapsedMs, job")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JobAction.Result result = JobAction.post("disable", instance, label, "disable", err);
        if (result.body().isEmpty()) {
            return result.exit();
        }
        JsonNode teardown = result.body().get();
        boolean clean = teardown.path("clean").asBoolean();
        if (json) {
            out.println(teardown.toString());
            out.flush();
            return clean ? 0 : Main.EXIT_PROBLEM;
        }
        out.println("disabled " + label + ": teardown " + (clean ? "verified clean" : "NOT clean") + " in "
                + Latency.format(teardown.path("elapsedMs").asDouble()));
        out.println("  stopped pids:  " + list(teardown.path("stoppedPids")));
        out.println("  forced:        " + (teardown.path("forced").asBoolean() ? "yes (SIGKILL after ExitTimeOut)" : "no"));
        out.println("  survivors:     " + list(teardown.path("survivors")));
        out.println("  ports freed:   " + list(teardown.path("portsFreed")));
        out.println("  state:         " + teardown.path("job").path("state").asText("-"));
        out.flush();
        if (!clean) {
            err.println("launchguard disable: processes of " + label + " survived the teardown: "
                    + list(teardown.path("survivors")));
            return Main.EXIT_PROBLEM;
        }
        return 0;
    }

    static String list(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(n -> items.add(n.asText()));
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
