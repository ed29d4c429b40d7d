package dev.launchguard.cli;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code launchguard cds-training} (hidden): one short, real start of the daemon — a job spawned,
 * probed until ready, the API and /metrics asked once — so the launcher can record the classes a
 * start loads into an AppCDS archive ({@code -XX:ArchiveClassesAtExit}) and start faster after.
 */
@Command(name = "cds-training", hidden = true,
        description = "Start and stop launchguard once on a throwaway fleet, to record a class-data archive.")
final class CdsTrainingCommand implements Callable<Integer> {

    private static final String LABEL = "dev.launchguard.cds.training";
    /** Bound on the whole run: the launcher waits for it while building. */
    private static final Duration BUDGET = Duration.ofSeconds(20);

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("launchguard-cds");
        try {
            int port = freePort();
            Path www = Files.createDirectories(dir.resolve("www"));
            Files.writeString(www.resolve("index.html"), "ok");
            Plists.write(LaunchdJob.of(LABEL, List.of(Home.python().toString(), "-m", "http.server",
                            String.valueOf(port), "--bind", "127.0.0.1", "--directory", www.toString()))
                    .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(2)),
                    Files.createDirectories(dir.resolve("plists")).resolve(LABEL + ".plist"));
            Path config = dir.resolve("launchguard.yaml");
            Files.writeString(config, "listen: 127.0.0.1:0\nplists: plists\nengine: embedded\nstateDir: state\n"
                    + "jobs:\n  - label: " + LABEL + "\n    liveness: http://127.0.0.1:" + port + "/\n");
            try (Launchguard launchguard = Launchguard.start(new ConfigLoader(dir).load(config), Clock.systemUTC())) {
                long deadline = System.nanoTime() + BUDGET.toNanos();
                while (System.nanoTime() < deadline && launchguard.supervisor().job(LABEL)
                        .map(v -> v.state() != HealthState.READY).orElse(true)) {
                    Thread.sleep(50);
                }
                HttpClient client = HttpClient.newHttpClient();
                for (String path : List.of("/api/v1/jobs", "/metrics", "/")) {
                    client.send(HttpRequest.newBuilder(URI.create(launchguard.url() + path)).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.discarding());
                }
            }
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
