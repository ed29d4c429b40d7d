package dev.launchguard.bench.sidebyside;

import dev.launchguard.bench.supervisor.BenchFleet;
import dev.launchguard.bench.supervisor.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The service every tool supervises: {@code target_server.py} (Python's http.server, 200 "ok" on
 * {@code GET /}) on one loopback port, listening at once ({@code startDelay} 0) or after a sleep.
 * Every instance appends its PID to one file, so starts are counted the same way whichever tool
 * made them, and any instance a tool left behind can be found and killed by its PID.
 */
final class Target {

    private static final Duration PORT_FREE_BOUND = Duration.ofSeconds(10);

    final String name;
    final int port;
    final Duration startDelay;
    final Path pidFile;
    private final Path script;
    private final Path starts;
    private final String python;

    private Target(String name, Path dir, int port, Duration startDelay, String python) throws IOException {
        this.name = name;
        this.port = port;
        this.startDelay = startDelay;
        this.python = python;
        this.script = Scripts.extract("target_server.py", dir);
        this.starts = dir.resolve(name + ".starts");
        this.pidFile = dir.resolve(name + ".pid");
        Files.writeString(starts, "");
    }

    /** A target in {@code dir}, on a free loopback port, that listens {@code startDelay} after it starts. */
    static Target of(String name, Path dir, Duration startDelay) throws IOException, InterruptedException {
        return new Target(name, dir, BenchFleet.freePort(), startDelay, BenchFleet.python());
    }

    /** The command line that starts one instance, without a shell. */
    List<String> command() {
        return List.of(python, script.toString(), Integer.toString(port),
                String.format(Locale.ROOT, "%.3f", startDelay.toMillis() / 1000.0), starts.toString(), pidFile.toString());
    }

    String description() {
        return startDelay.isZero() ? "instant start" : "starts listening after " + startDelay.toSeconds() + " s";
    }

    /** How many instances have started so far. */
    int starts() {
        try {
            return (int) Files.readAllLines(starts).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException("starts file '" + starts + "' unreadable", e);
        }
    }

    /** The instance now listening on the port, if it is one of ours. */
    OptionalLong listening() {
        OptionalLong pid = Proc.listener(port);
        return pid.isPresent() && isOurs(pid.getAsLong()) ? pid : OptionalLong.empty();
    }

    /** SIGKILLs every instance still running (a tool that quits may leave it) and waits, bounded, for the port. */
    int killAll() throws IOException {
        int killed = 0;
        for (String line : Files.readAllLines(starts)) {
            long pid = line.isBlank() ? 0 : Long.parseLong(line.trim());
            if (pid > 0 && Proc.running(pid) && isOurs(pid)) {
                Signals.send(pid, Signals.SIGKILL);
                killed++;
            }
        }
        long deadline = System.nanoTime() + PORT_FREE_BOUND.toNanos();
        while (Proc.listener(port).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + " still held by pid " + Proc.listener(port).getAsLong()
                        + " " + PORT_FREE_BOUND + " after the target was stopped");
            }
            HealthPoller.pause(HealthPoller.INTERVAL);
        }
        return killed;
    }

    private boolean isOurs(long pid) {
        return Proc.cmdline(pid).contains(script.toString() + " " + port + " ");
    }
}
