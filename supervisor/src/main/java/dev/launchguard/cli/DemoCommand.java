package dev.launchguard.cli;

import dev.launchguard.config.ConfigException;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.daemon.ApiUnavailableException;
import dev.launchguard.daemon.DemoFleet;
import dev.launchguard.daemon.Home;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.daemon.Locking;
import dev.launchguard.daemon.Running;
import dev.launchguard.daemon.StateLock;
import dev.launchguard.job.JobManagerException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code launchguard demo}: the demo fleet (the sample model server and a static site) on the
 * embedded engine, supervised, until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo fleet on the embedded engine: a real model server and a second HTTP service, "
                + "supervised. Prints the status page and metrics URLs; Ctrl-C or SIGTERM stops everything it started.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or Ctrl-C", "2:the demo cannot be set up (not built, bad template)",
            "3:the job manager failed to start", "4:another launchguard runs on the state folder, or the port is taken "
                + "(the jobs it started are stopped again)"})
final class DemoCommand implements Callable<Integer> {

    /** The storm guard's own ceiling on restarts per window (docs/configuration.md). */
    private static final int MAX_RESTART_LIMIT = 1000;

    @Option(names = "--port", description = "status page and API port (default: ${DEFAULT-VALUE})", defaultValue = "9470")
    int port;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "where launchguard keeps its runtime file, token and the demo (default: ~/.launchguard)")
    Optional<Path> stateDir;

    @Option(names = "--restart-limit", paramLabel = "N",
            description = {"raise the storm guard (restarts per job per 10 min, default 5) and the host restart budget",
                "(restarts per minute, default 10) to N, so a chaos campaign measures recovery, not quarantine"})
    Optional<Integer> restartLimit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (restartLimit.isPresent() && (restartLimit.get() < 1 || restartLimit.get() > MAX_RESTART_LIMIT)) {
            err.println("demo: --restart-limit " + restartLimit.get() + " must be a whole number from 1 to "
                    + MAX_RESTART_LIMIT);
            return Main.EXIT_USAGE;
        }
        Path state = stateDir.orElse(Path.of(System.getProperty("user.home"), ".launchguard"));
        // Before the plists are rendered into the folder: a second demo on it stops here.
        Optional<StateLock> lock = Locking.lock(state, "use --state-dir", err);
        if (lock.isEmpty()) {
            return Main.EXIT_IN_USE;
        }
        try {
            return demo(state, lock.get(), err);
        } finally {
            lock.get().close();
        }
    }

    /** Renders, starts and runs the demo fleet in {@code state}, whose lock this process holds. */
    private int demo(Path state, StateLock lock, PrintWriter err) {
        Path home = Home.locate();
        DemoFleet fleet = new DemoFleet(home);
        if (!Files.isRegularFile(fleet.modelJar())) {
            err.println("demo: " + fleet.modelJar() + " is not built; run ./launchguard demo from the repository "
                    + "(it builds first) or ./mvnw -pl sample-model-server -am package -DskipTests");
            return Main.EXIT_USAGE;
        }
        Path config = fleet.render(state, port, Home.java(), Home.python(),
                restartLimit.map(OptionalInt::of).orElse(OptionalInt.empty()));
        LaunchguardConfig loaded;
        try {
            loaded = ConfigLoader.forUser().load(config);
        } catch (ConfigException e) {
            err.println("demo: the rendered demo configuration does not load: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Launchguard launchguard;
        try {
            launchguard = Launchguard.start(loaded, Clock.systemUTC());
        } catch (JobManagerException e) {
            err.println("demo: " + e.getMessage());
            return Main.EXIT_JOB_MANAGER;
        } catch (ApiUnavailableException e) {
            err.println("demo: " + e.getMessage());
            return Main.EXIT_IN_USE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("launchguard demo is running (embedded engine, jobs from " + launchguard.config().plists() + ")");
        out.println("  status page: " + launchguard.url());
        out.println("  metrics:     " + launchguard.url().resolve("/metrics"));
        String model = "dev.launchguard.demo.model";
        java.util.List<String> disabled = launchguard.config().jobs().stream().map(j -> j.label())
                .filter(label -> launchguard.jobs().disabled(label)).toList();
        for (String label : disabled) {
            out.println("  note:        " + label + " is DISABLED, left so by an earlier 'launchguard disable' (kept "
                    + "across restarts, as launchd does); './launchguard enable " + label + "' brings it back");
        }
        out.println("  try:         ./launchguard status    " + (disabled.contains(model)
                ? "./launchguard enable " + model : "./launchguard chaos wedge " + model));
        out.println("Ctrl-C stops launchguard and every job it started.");
        out.flush();
        return Running.untilSignalled(launchguard, lock);
    }
}
