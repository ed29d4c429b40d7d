package dev.launchguard.cli;

import dev.launchguard.config.ConfigException;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.daemon.ApiUnavailableException;
import dev.launchguard.daemon.Groundwork;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.daemon.Locking;
import dev.launchguard.daemon.Reloads;
import dev.launchguard.daemon.Running;
import dev.launchguard.daemon.StateLock;
import dev.launchguard.job.JobManagerException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
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
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "2:the configuration is invalid", "3:the job manager failed to start",
            "4:another launchguard runs on the configuration's stateDir, or its listen address is taken (the jobs "
                + "it started are stopped again)"})
final class RunCommand implements Callable<Integer> {

    static final String NAME = "run";
    private static final String CONFIG = "--config";
    private static final String DEFAULT_CONFIG = "launchguard.yaml";

    @Option(names = CONFIG, paramLabel = "FILE", description = "launchguard.yaml (default: ${DEFAULT-VALUE})",
            defaultValue = DEFAULT_CONFIG)
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return run(config, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs the daemon on {@code config} until it is signalled; the exit code. */
    static int run(Path config, PrintWriter out, PrintWriter err) {
        CompletableFuture<Groundwork> groundwork = Groundwork.prepare();
        LaunchguardConfig loaded;
        try {
            loaded = ConfigLoader.forUser().load(config);
        } catch (ConfigException e) {
            groundwork.thenAccept(Groundwork::close);
            err.println(e.getMessage());
            return Main.EXIT_USAGE;
        }
        // Before anything is loaded, adopted, written or bound: a second launchguard on the folder stops here.
        Optional<StateLock> lock = Locking.lock(loaded.stateDir(), "give it another stateDir in " + config, err);
        if (lock.isEmpty()) {
            groundwork.thenAccept(Groundwork::close);
            return Main.EXIT_IN_USE;
        }
        Groundwork ready = Groundwork.await(groundwork);
        // Said before the API answers, so whoever sees launchguard up has seen the warning too.
        Reloads.warnIfHangupIgnored();
        Launchguard launchguard;
        try {
            launchguard = Launchguard.start(loaded, Clock.systemUTC(), ready);
        } catch (ConfigException e) {
            // What the file names can be refused only once it is looked at (a plist folder beyond the limit).
            lock.get().close();
            ready.close();
            err.println(e.getMessage());
            return Main.EXIT_USAGE;
        } catch (JobManagerException e) {
            lock.get().close();
            err.println(e.getMessage());
            return Main.EXIT_JOB_MANAGER;
        } catch (ApiUnavailableException e) {
            lock.get().close();
            ready.close();
            err.println("launchguard run: " + e.getMessage());
            return Main.EXIT_IN_USE;
        }
        out.println("launchguard running: " + launchguard.url());
        out.flush();
        Reloads.onHangup(() -> launchguard.reload(config));
        return Running.untilSignalled(launchguard, lock.get());
    }

    /**
     * The configuration file when {@code args} are one of the plain forms launchd and operators
     * use, {@code run}, {@code run --config FILE} or {@code run --config=FILE}, which picocli parses
     * to exactly that file; empty for anything else (help, version, other or repeated options, a
     * FILE that starts like an option or an @-file, picocli settings given as system properties),
     * which picocli parses. The plain forms skip picocli: its classes are too old a class-file
     * version for the class-data archive, and loading them took 0.15-0.3 s of each start.
     */
    static Optional<Path> plainConfig(List<String> args, Optional<String> picocliProperty) {
        if (picocliProperty.isPresent() || args.isEmpty() || !args.get(0).equals(NAME)) {
            return Optional.empty();
        }
        String file;
        if (args.size() == 1) {
            file = DEFAULT_CONFIG;
        } else if (args.size() == 2 && args.get(1).startsWith(CONFIG + "=")) {
            file = args.get(1).substring(CONFIG.length() + 1);
        } else if (args.size() == 3 && args.get(1).equals(CONFIG)) {
            file = args.get(2);
        } else {
            return Optional.empty();
        }
        if (file.isEmpty() || file.startsWith("-") || file.startsWith("@")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file));
    }
}
