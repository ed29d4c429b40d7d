package dev.launchguard.bench.sidebyside;

import dev.launchguard.bench.supervisor.BenchFleet;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * launchguard as an operator runs it: {@code ./launchguard run --config FILE} (the launcher, its
 * default JVM options and class-data archive) on the embedded engine, a separate process. The job
 * is the target (KeepAlive, ThrottleInterval 1 s as in {@code RespawnBench}) with a startup and a
 * liveness probe on {@code GET /} at the default policy; only the storm guard and host budget are
 * raised, so tens of deliberate faults are never quarantined.
 */
final class LaunchguardTool extends ForegroundTool {

    private static final String LABEL = "bench.sidebyside.target";
    private static final Duration THROTTLE = Duration.ofSeconds(1);

    private final Path launcher;
    private BenchFleet fleet;

    LaunchguardTool(Path launcher, Path dir) {
        super("launchguard", true, dir);
        this.launcher = launcher;
    }

    @Override
    public void start(Target target) throws IOException {
        fleet = new BenchFleet("sidebyside-launchguard");
        String url = "http://127.0.0.1:" + target.port + "/";
        fleet.add(LaunchdJob.of(LABEL, target.command()).withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                        .withThrottleInterval(THROTTLE).withExitTimeOut(Duration.ofSeconds(2))
                        .withStandardErrorPath(dir.resolve("launchguard-target.log")),
                "    startup: {http: '" + url + "'}\n    liveness: " + url + "\n" + BenchFleet.LENIENT_STORM);
        Path config = fleet.writeConfig();
        launch(List.of(launcher.toString(), "run", "--config", config.toString()), Map.of("LAUNCHGUARD_LOG_LEVEL", "WARN"),
                Duration.ofSeconds(30));
    }

    @Override
    void stopped() {
        fleet.delete();
    }
}
