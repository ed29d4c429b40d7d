package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the terminal that started launchguard: the terminal sends SIGINT to its whole
 * foreground process group. The jobs run in sessions of their own, so only launchguard gets it;
 * launchguard then stops every job itself (SIGTERM, verified) and respawns none on the way out.
 */
class TerminalInterruptIT {

    private static final Duration STOP = Duration.ofSeconds(60);

    /** A server that writes its PID to the spawn log at start and the name of every signal it gets to the signal log. */
    private static final String RECORDER = """
            import http.server, os, signal, sys
            spawns, received, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
            with open(spawns, "a") as f:
                f.write("%d\\n" % os.getpid())
            def record(number, frame):
                with open(received, "a") as f:
                    f.write("%s %d\\n" % (signal.Signals(number).name, os.getpid()))
                if number == signal.SIGTERM:
                    sys.exit(0)
            for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGTSTP, signal.SIGTERM):
                signal.signal(s, record)
            http.server.ThreadingHTTPServer(("127.0.0.1", port), http.server.SimpleHTTPRequestHandler).serve_forever()
            """;

    @TempDir
    Path dir;

    private final List<String> labels = List.of(Fleet.label("ctrl-c-a"), Fleet.label("ctrl-c-b"));
    private LaunchguardJar launchguard;

    @AfterEach
    void stop() throws InterruptedException {
        if (launchguard != null) {
            launchguard.close();
        }
        assertThat(Fleet.killLeftovers(labels)).as("processes left behind").isEmpty();
    }

    @Test
    void ctrlCReachesLaunchguardOnlyWhichStopsEveryJobWithoutRespawningAny() throws Exception {
        Fleet fleet = new Fleet(dir);
        Path script = Files.writeString(dir.resolve("recorder.py"), RECORDER);
        for (String label : labels) {
            int port = Fleet.freePort();
            fleet.add(LaunchdJob.of(label, List.of("/usr/bin/python3", script.toString(), spawns(label).toString(),
                                    received(label).toString(), String.valueOf(port)))
                            .withWorkingDirectory(dir).withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                            .withThrottleInterval(Duration.ZERO).withExitTimeOut(Duration.ofSeconds(5))
                            .withStandardErrorPath(fleet.logs.resolve(label + ".log")),
                    "    liveness:\n      http: http://127.0.0.1:" + port + "/\n      interval: 200ms\n");
        }
        // As from an interactive shell: SIGINT at its default. A build started in the background of a
        // script (cmd &) inherits SIGINT ignored, and launchguard rightly leaves an ignored SIGINT ignored.
        launchguard = LaunchguardJar.startUnder(fleet, "/usr/bin/setsid", "/usr/bin/python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])")
                .awaitReady(labels.toArray(String[]::new));
        long group = launchguard.pid();
        assertThat(processGroup(group)).as("launchguard leads its process group, as a shell's job does").isEqualTo(group);
        Map<String, Long> pids = new TreeMap<>();
        for (String label : labels) {
            pids.put(label, launchguard.jobPid(label));
            assertThat(processGroup(pids.get(label))).as("job %s's process group", label).isNotEqualTo(group);
        }

        // What the terminal does at Ctrl-C: SIGINT to every process of the foreground group.
        int kill = new ProcessBuilder("/bin/kill", "-s", "INT", "--", "-" + group).inheritIO().start().waitFor();
        assertThat(kill).as("kill -s INT -- -%d", group).isZero();

        assertThat(launchguard.process().waitFor(STOP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .as("launchguard ends after Ctrl-C; its output:\n%s", launchguard.output()).isTrue();
        assertThat(launchguard.process().exitValue()).as("exit code; output:\n%s", launchguard.output()).isZero();
        for (String label : labels) {
            long pid = pids.get(label);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("%s pid %d", label, pid)
                    .isFalse();
            assertThat(Fleet.tagged(label)).as("processes of %s", label).isEmpty();
            assertThat(Files.readAllLines(spawns(label))).as("spawns of %s: one, no respawn", label)
                    .containsExactly(Long.toString(pid));
            assertThat(Files.readAllLines(received(label))).as("signals %s received", label)
                    .containsExactly("SIGTERM " + pid);
        }
        assertThat(launchguard.output()).contains("launchguard stopping signal=SIGINT").contains("launchguard stopped");
    }

    private Path spawns(String label) {
        return dir.resolve(label + ".spawns");
    }

    private Path received(String label) {
        return dir.resolve(label + ".signals");
    }

    /** The process group ID from /proc/PID/stat (the fifth field; the second, the command, may hold spaces). */
    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        List<String> fields = new ArrayList<>(List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" ")));
        return Long.parseLong(fields.get(2));
    }
}
