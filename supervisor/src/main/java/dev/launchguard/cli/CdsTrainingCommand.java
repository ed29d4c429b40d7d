package dev.launchguard.cli;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.daemon.Home;
import dev.launchguard.daemon.Launchguard;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
    /** Bound on each request to the API: a local answer takes milliseconds. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

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
                for (String path : List.of("/api/v1/jobs", "/metrics", "/")) {
                    get(launchguard.url(), path);
                }
            }
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One GET over a plain socket, the answer read to its end. Not {@code java.net.http}: its ~300
     * classes (and the JDK's TLS stack, which it initialises) would land in the archive, and every
     * archived class costs the daemon resident memory whether it loads it or not.
     */
    private static void get(URI base, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) REQUEST_TIMEOUT.toMillis());
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
