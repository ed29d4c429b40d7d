package dev.launchguard.cli;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.daemon.DemoFleet;
import dev.launchguard.daemon.Launchguard;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
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
            "3:the job manager failed to start"})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", description = "status page and API port (default: ${DEFAULT-VALUE})", defaultValue = "9470")
    int port;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "where launchguard keeps its runtime file, token and the demo (default: ~/.launchguard)")
    Optional<Path> stateDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Path home = Home.locate();
        DemoFleet fleet = new DemoFleet(home);
        if (!Files.isRegularFile(fleet.modelJar())) {
            err.println("demo: " + fleet.modelJar() + " is not built; run ./launchguard demo from the repository "
                    + "(it builds first) or ./mvnw -pl sample-model-server -am package -DskipTests");
            return Main.EXIT_USAGE;
        }
        Path state = stateDir.orElse(Path.of(System.getProperty("user.home"), ".launchguard"));
        Path config = fleet.render(state, port, Home.java(), Home.python());
        Launchguard launchguard = Launchguard.start(ConfigLoader.forUser().load(config), Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        out.println("launchguard demo is running (embedded engine, jobs from " + launchguard.config().plists() + ")");
        out.println("  status page: " + launchguard.url());
        out.println("  metrics:     " + launchguard.url().resolve("/metrics"));
        out.println("  try:         ./launchguard status    ./launchguard chaos wedge dev.launchguard.demo.model");
        out.println("Ctrl-C stops launchguard and every job it started.");
        out.flush();
        return Running.untilSignalled(launchguard);
    }
}
