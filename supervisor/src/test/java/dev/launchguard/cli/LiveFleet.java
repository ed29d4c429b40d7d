package dev.launchguard.cli;

import static org.awaitility.Awaitility.await;

import dev.launchguard.ForeignProcesses;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * A real launchguard in this JVM for the CLI's integration tests: the embedded engine running one
 * python3 http.server job from a plist, its API on a free loopback port, its runtime file in
 * {@code <dir>/state} so the commands find it with {@code --state-dir}. Closes everything it started,
 * including the foreign processes a test starts through it.
 */
final class LiveFleet implements AutoCloseable {

    static final String WEB = "dev.launchguard.test.web";

    final Path dir;
    final Path state;
    final Path plist;
    final int port;
    final Launchguard launchguard;
    private final ForeignProcesses foreign;

    LiveFleet(Path dir) throws IOException {
        this(dir, false);
    }

    /**
     * @param wrapped run the server under a shell that waits for it and exits 1 after it, as a
     *     wrapper (npm start) does: the job's port is then served by a child of its main process
     */
    LiveFleet(Path dir, boolean wrapped) throws IOException {
        this(dir, wrapped, "");
    }

    /**
     * @param jobYaml more of the job's launchguard.yaml entry, indented as its keys (e.g. a storm
     *     policy: {@code "    storm: { maxRestarts: 3 }\n"})
     */
    LiveFleet(Path dir, boolean wrapped, String jobYaml) throws IOException {
        this(dir, wrapped, jobYaml, true);
    }

    /** @param awaitReady whether to wait for the job to be READY before returning */
    LiveFleet(Path dir, boolean wrapped, String jobYaml, boolean awaitReady) throws IOException {
        this.dir = dir;
        this.state = dir.resolve("state");
        this.foreign = new ForeignProcesses(dir);
        this.port = freePort();
        Path plists = Files.createDirectories(dir.resolve("plists"));
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok");
        this.plist = plists.resolve(WEB + ".plist");
        List<String> server = List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                "127.0.0.1", "--directory", www.toString());
        // "; exit 1" keeps the shell from exec-ing the server in its place: it must stay the parent.
        List<String> argv = wrapped ? List.of("/bin/sh", "-c", String.join(" ", server) + "; exit 1") : server;
        Plists.write(LaunchdJob.of(WEB, argv)
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(2))
                .withStandardErrorPath(dir.resolve(WEB + ".err.log")), plist);
        Path config = dir.resolve("launchguard.yaml");
        Files.writeString(config, """
                listen: 127.0.0.1:0
                plists: %s
                engine: embedded
                stateDir: %s
                jobs:
                  - label: %s
                    liveness:
                      http: http://127.0.0.1:%d/
                      interval: 200ms
                      timeout: 150ms
                      failureThreshold: 2
                    recovery: { fastInterval: 25ms }
                """.formatted(plists, state, WEB, port) + jobYaml);
        this.launchguard = Launchguard.start(ConfigLoader.forUser().load(config), Clock.systemUTC());
        if (awaitReady) {
            awaitReady();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    JobView view() {
        return launchguard.supervisor().job(WEB).orElseThrow();
    }

    void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).until(() -> view().state() == HealthState.READY);
    }

    /** Runs the CLI in-process against this instance; returns exit code, stdout and stderr. */
    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state-dir");
        all.add(state.toString());
        int exit = commandLine.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Starts a process launchguard did not start, with {@code env} added; it is killed at close. */
    Process foreign(Map<String, String> env, String... command) throws IOException {
        return foreign.start(env, command);
    }

    /** One CLI run. */
    record Run(int exit, String out, String err) {
    }

    @Override
    public void close() {
        launchguard.close();
        foreign.close();
    }
}
