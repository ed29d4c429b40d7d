package dev.launchguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.client.ApiClient;
import dev.launchguard.client.ApiJobDirectory;
import dev.launchguard.config.ConfigException;
import dev.launchguard.config.WatchersConfig;
import dev.launchguard.drift.DriftCheck;
import dev.launchguard.drift.DriftFile;
import dev.launchguard.drift.DriftReport;
import dev.launchguard.drift.DriftResult;
import dev.launchguard.drift.DriftWatcher;
import dev.launchguard.drift.WatchedJobs;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.watch.WatchJson;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code launchguard watch drift --once}: runs a drift file's assertions once; the exit code is the result. */
@Command(name = "drift",
        mixinStandardHelpOptions = true,
        description = {"Check a drift file's assertions once and print every result.",
            "Kinds: job (loaded, not stopped), plist (unchanged since loaded), port (listening, owned by a job),",
            "process (by program, count), file (exists, contains, sha256), config (a key of a plist, JSON or YAML",
            "file), env (a variable of a job's process), command (exits 0 within a timeout), unwatched (every job in a",
            "plist folder is in launchguard.yaml, found as --config says). job and plist checks,",
            "and port checks with an owner outside the tag, ask the running launchguard (found as status finds it)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every assertion passed",
            "1:an assertion failed",
            "2:bad usage or a drift file that cannot be used (the message names file, key and value)",
            "3:a check needed the running launchguard and none answered"})
final class DriftCommand implements Callable<Integer> {

    /** Commands wait and file reads block; a few threads keep a 100-check file well under its 200 ms goal. */
    private static final int THREADS = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    InstanceOptions instance;

    @Mixin
    OneShot oneShot;

    @Mixin
    WatchFileOptions files;

    @Option(names = "--json", description = "print {\"passed\", \"failed\", \"elapsedMs\", \"launchguard\", \"results\": [...]}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!oneShot.given("drift", err)) {
            return Main.EXIT_USAGE;
        }
        List<DriftCheck> checks;
        ApiClient client;
        Optional<WatchedJobs> watched = Optional.empty();
        try {
            checks = DriftFile.forUser().load(files.resolve("drift", instance.stateDir(), WatchersConfig::drift));
            Optional<DriftCheck> unwatched = checks.stream().filter(DriftCheck.JobsWatched.class::isInstance).findFirst();
            if (unwatched.isPresent()) {
                watched = Optional.of(files.configuration(instance.stateDir()).map(WatchedJobs::of).orElseThrow(() ->
                        new IllegalArgumentException("check '" + unwatched.get().name() + "' (unwatched) compares the "
                                + "plist folder with the jobs of launchguard.yaml, and there is none: give --config FILE "
                                + "(looked for " + String.join(", ", WatchFileOptions.looked(instance.stateDir())) + ")")));
            }
            client = ApiClient.of(instance.resolve());
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("launchguard watch drift: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        DriftReport report;
        ExecutorService executor = OneShot.pool("drift-check", THREADS);
        try {
            report = new DriftWatcher(new ApiJobDirectory(client), new ProcessTable(), executor, Clock.systemUTC(),
                    System::nanoTime, watched).run(checks);
        } finally {
            executor.shutdownNow();
        }
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(report, client)));
        } else {
            print(out, report);
        }
        out.flush();
        if (report.unreachable().isPresent()) {
            err.println("launchguard watch drift: " + report.unreachable().get());
            return StatusCommand.EXIT_UNREACHABLE;
        }
        return report.allPassed() ? 0 : Main.EXIT_PROBLEM;
    }


    private static void print(PrintWriter out, DriftReport report) {
        for (DriftResult r : report.results()) {
            out.println((r.ok() ? "ok    " : "FAIL  ") + r.check() + ": " + r.detail());
        }
        out.printf("%d passed, %d failed in %d ms%n", report.results().size() - report.failures(), report.failures(),
                report.elapsed().toMillis());
    }

    private static ObjectNode json(DriftReport report, ApiClient client) {
        ObjectNode root = WatchJson.drift(report);
        ObjectNode launchguard = root.putObject("launchguard").put("url", client.base().toString())
                .put("answered", report.unreachable().isEmpty());
        report.unreachable().ifPresent(u -> launchguard.put("error", u));
        // The results last, as before the shape was shared with the API.
        root.set("results", root.remove("results"));
        return root;
    }
}
