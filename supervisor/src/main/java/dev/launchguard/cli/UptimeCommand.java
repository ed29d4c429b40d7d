package dev.launchguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.api.RuntimeFile;
import dev.launchguard.config.ConfigException;
import dev.launchguard.config.WatchersConfig;
import dev.launchguard.uptime.UptimeFile;
import dev.launchguard.uptime.UptimeResult;
import dev.launchguard.uptime.UptimeWatcher;
import dev.launchguard.watch.WatchJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code launchguard watch uptime --once}: asks every endpoint of an uptime file once; the exit code is the result. */
@Command(name = "uptime",
        mixinStandardHelpOptions = true,
        description = {"Ask every endpoint of an uptime file once and print what each answered.",
            "A problem is: no answer (refused, timed out, TLS handshake failed), a status other than the expected",
            "one (any 4xx/5xx when 200 is expected), a body without the expected text, more redirects than allowed,",
            "or a certificate anywhere in a served chain that expires within certificateWarning (default 14d)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every endpoint answered as expected and no certificate is close to expiry",
            "1:an endpoint has a problem",
            "2:bad usage or an uptime file that cannot be used (the message names file, key and value)"})
final class UptimeCommand implements Callable<Integer> {

    /** Endpoints are asked concurrently; a handful of threads keeps a slow one from holding up the rest. */
    private static final int THREADS = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OneShot oneShot;

    @Mixin
    WatchFileOptions files;

    @Option(names = "--json", description = "print {\"results\": [{\"target\", \"up\", \"status\", \"responseMs\", ...}]}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!oneShot.given("uptime", err)) {
            return Main.EXIT_USAGE;
        }
        UptimeFile.Settings settings;
        try {
            Path stateDir = RuntimeFile.stateDir(Optional.empty(), System.getenv(), Path.of(System.getProperty("user.home")));
            settings = UptimeFile.load(files.resolve("uptime", stateDir, WatchersConfig::uptime));
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("launchguard watch uptime: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        ExecutorService executor = OneShot.pool("uptime-check", THREADS);
        List<UptimeResult> results;
        try {
            results = UptimeWatcher.withSystemTrust(settings.certificateWarning(), executor, Clock.systemUTC())
                    .run(settings.targets());
        } finally {
            executor.shutdownNow();
        }
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(WatchJson.uptime(results)));
        } else {
            print(out, results);
        }
        out.flush();
        return results.stream().allMatch(UptimeResult::healthy) ? 0 : Main.EXIT_PROBLEM;
    }

    private static void print(PrintWriter out, List<UptimeResult> results) {
        for (UptimeResult r : results) {
            out.println((r.healthy() ? "ok    " : r.up() ? "WARN  " : "DOWN  ") + r.target() + ": "
                    + (r.status().isPresent() ? r.status().getAsInt() + " " : "") + r.responseTime().toMillis() + " ms"
                    + r.earliestExpiry().map(e -> ", certificates valid until " + e).orElse(""));
            r.problems().forEach(p -> out.println("      " + p));
        }
        long unhealthy = results.stream().filter(r -> !r.healthy()).count();
        out.printf("%d healthy, %d with problems%n", results.size() - unhealthy, unhealthy);
    }

}
