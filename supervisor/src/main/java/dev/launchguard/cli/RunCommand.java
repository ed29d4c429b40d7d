package dev.launchguard.cli;

import dev.launchguard.config.ConfigException;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.job.JobManagerException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code launchguard run}: the supervisor daemon, as launchd (or an operator) runs it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the supervisor: load the plists (embedded engine), probe every job, recover wedged ones, "
                + "serve /metrics and the API. Runs until SIGTERM; SIGHUP re-reads the configuration (a bad file "
                + "is refused and changes nothing).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "2:the configuration is invalid", "3:the job manager failed to start"})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "launchguard.yaml (default: ${DEFAULT-VALUE})",
            defaultValue = "launchguard.yaml")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LaunchguardConfig loaded;
        try {
            loaded = ConfigLoader.forUser().load(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Main.EXIT_USAGE;
        }
        Launchguard launchguard;
        try {
            launchguard = Launchguard.start(loaded, Clock.systemUTC());
        } catch (JobManagerException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Main.EXIT_JOB_MANAGER;
        }
        spec.commandLine().getOut().println("launchguard running: " + launchguard.url());
        spec.commandLine().getOut().flush();
        Reloads.onHangup(() -> launchguard.reload(config));
        return Running.untilSignalled(launchguard);
    }
}
