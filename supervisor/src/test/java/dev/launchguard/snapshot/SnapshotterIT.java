package dev.launchguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.TestResources;
import dev.launchguard.config.SnapshotConfig;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots of real stuck processes: a Python server whose handler blocks its event loop, a flock
 * waiting on a lock another process holds, a thread-dump tool that hangs past the budget, and a
 * crashed instance's log tails.
 */
class SnapshotterIT {

    private static final String LABEL = "com.example.stuck";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private Process start(List<String> argv, Path log) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    private Path plist(Path log) {
        Path plists = dir.resolve("plists");
        try {
            Files.createDirectories(plists);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Plists.write(LaunchdJob.of(LABEL, List.of("/bin/true")).withStandardOutPath(log).withStandardErrorPath(log),
                plists.resolve(LABEL + ".plist"));
        return plists;
    }

    private Snapshotter snapshotter(Duration budget, DumpTools tools, Path plists) {
        SnapshotConfig d = SnapshotConfig.defaults();
        return new Snapshotter(new SnapshotConfig(true, budget, d.keep(), d.maxBytes(), d.maxJobBytes()),
                dir.resolve("state"), plists, tools, Clock.systemUTC(), System::nanoTime);
    }

    private static JsonNode read(Snapshotter s, String id) throws IOException {
        return JSON.readTree(s.read(LABEL, id).orElseThrow());
    }

    private static String wchan(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/wchan")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static List<JsonNode> threads(JsonNode snapshot) {
        return StreamSupport.stream(snapshot.path("threads").spliterator(), false).toList();
    }

    @Test
    void pythonServerBlockedInItsHandlerLeavesItsWaitChannelsAndStack() throws Exception {
        Path log = dir.resolve("server.log");
        int port = freePort();
        Process server = start(List.of("python3", TestResources.path("/snapshot/blocking_server.py").toString(),
                Integer.toString(port)), log);
        await().atMost(WAIT).until(() -> Files.readString(log).contains("listening on"));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = client.getOutputStream();
            out.write("GET /block HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(WAIT).until(() -> wchan(server.pid()).startsWith("futex"));

            Snapshotter snapshots = snapshotter(Duration.ofSeconds(5), DumpTools.system(), plist(log));
            JsonNode s = read(snapshots, snapshots.beforeKill(LABEL, server.pid(), "wedge", "no answer").orElseThrow());

            assertThat(s.path("pid").asLong()).isEqualTo(server.pid());
            assertThat(threads(s)).anySatisfy(t -> {
                assertThat(t.path("tid").asLong()).isEqualTo(server.pid());
                assertThat(t.path("state").asText()).isEqualTo("S");
                assertThat(t.path("wchan").asText()).startsWith("futex");
            });
            assertThat(s.path("process").path("command").asText()).contains("blocking_server.py");
            assertThat(s.path("process").path("openFiles").toString()).contains("socket:[");
            assertThat(s.path("logs").path("stdout").path("tail").asText()).contains("listening on " + port);
            Assumptions.assumeTrue(onPath("py-spy"), "py-spy is not on PATH: the Python stack is not checked "
                    + "(.ci/run installs it where it can)");
            assertThat(s.path("threadDump").path("tool").asText()).isEqualTo("py-spy");
            assertThat(s.path("threadDump").path("status").asText()).isEqualTo("done");
            assertThat(s.path("threadDump").path("text").asText()).contains("blocking_handler").contains("MainThread");
            assertThat(s.path("complete").asBoolean()).isTrue();
        }
    }

    @Test
    void nativeProcessStuckOnALockLeavesItsWaitChannel() throws Exception {
        Assumptions.assumeTrue(onPath("flock"), "flock (util-linux) is not on PATH");
        Path lock = Files.createFile(dir.resolve("lock"));
        Path log = dir.resolve("flock.log");
        Process holder = start(List.of("flock", lock.toString(), "sleep", "60"), dir.resolve("holder.log"));
        await().atMost(WAIT).until(() -> holder.descendants().findAny().isPresent());
        Process waiter = start(List.of("flock", lock.toString(), "true"), log);
        await().atMost(WAIT).until(() -> wchan(waiter.pid()).contains("lock"));

        Snapshotter snapshots = snapshotter(Duration.ofMillis(500), DumpTools.system(), plist(log));
        JsonNode s = read(snapshots, snapshots.beforeKill(LABEL, waiter.pid(), "manual", "kickstart").orElseThrow());

        assertThat(threads(s)).singleElement().satisfies(t -> {
            assertThat(t.path("name").asText()).isEqualTo("flock");
            assertThat(t.path("state").asText()).isEqualTo("S");
            assertThat(t.path("wchan").asText()).contains("lock");
        });
        assertThat(s.path("threadDump").path("tool").asText()).isEqualTo("none");
        assertThat(s.path("notes").toString()).contains("no thread-dump tool for flock");
        assertThat(s.path("process").path("openFiles").toString()).contains(lock.getFileName().toString());
        assertThat(s.path("reason").asText()).isEqualTo("manual");
    }

    @Test
    void aThreadDumpToolThatHangsIsCutAtTheBudgetAndTheRestIsKept() throws Exception {
        Path log = dir.resolve("sleeper.log");
        Process target = start(List.of("python3", "-c", "import time; print('up', flush=True); time.sleep(60)"), log);
        await().atMost(WAIT).until(() -> Files.readString(log).contains("up"));
        String marker = "hung-dump-tool-" + System.nanoTime();
        DumpTools hanging = new DumpTools(List.of(), List.of("python3", "-c", "import time; time.sleep(60)  # " + marker),
                List.of());

        Snapshotter snapshots = snapshotter(Duration.ofMillis(300), hanging, plist(log));
        JsonNode s = read(snapshots, snapshots.beforeKill(LABEL, target.pid(), "wedge", "stuck").orElseThrow());

        assertThat(s.path("threadDump").path("status").asText()).isEqualTo("cut");
        assertThat(s.path("cut").toString()).contains("py-spy cut at the 300 ms budget");
        assertThat(s.path("complete").asBoolean()).isFalse();
        assertThat(s.path("budgetMs").asLong()).isEqualTo(300);
        assertThat(threads(s)).isNotEmpty();
        assertThat(s.path("logs").path("stdout").path("tail").asText()).contains("up");
        await().atMost(WAIT).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(marker)));
        assertThat(snapshots.list(LABEL)).singleElement().satisfies(e -> assertThat(e.complete()).isFalse());
    }

    @Test
    void aStoppedProcessKeepsItsThreadsAndSpendsNoBudgetOnADump() throws Exception {
        Path log = dir.resolve("stopped.log");
        Process target = start(List.of("python3", "-c", "import time; print('up', flush=True); time.sleep(60)"), log);
        await().atMost(WAIT).until(() -> Files.readString(log).contains("up"));
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(target.pid())).start();
        assertThat(stop.waitFor()).isZero();
        await().atMost(WAIT).until(() -> Files.readString(Path.of("/proc/" + target.pid() + "/stat")).contains(") T "));
        // A dump tool that would hang: it must not even be started for a stopped process.
        DumpTools hanging = new DumpTools(List.of(), List.of("python3", "-c", "import time; time.sleep(60)"), List.of());

        Snapshotter snapshots = snapshotter(Duration.ofSeconds(5), hanging, plist(log));
        JsonNode s = read(snapshots, snapshots.beforeKill(LABEL, target.pid(), "wedge", "stopped").orElseThrow());

        assertThat(s.path("threadDump").path("status").asText()).isEqualTo("skipped");
        assertThat(s.path("notes").toString()).contains("the process is stopped (state T)");
        assertThat(s.path("complete").asBoolean()).isTrue();
        assertThat(threads(s)).singleElement().satisfies(t -> assertThat(t.path("state").asText()).isEqualTo("T"));
    }

    @Test
    void aCrashKeepsTheLogTailsRedactedAndTheExitStatus() throws Exception {
        Path log = dir.resolve("crashed.log");
        Files.writeString(log, "starting\nconnecting with password=hunter2\nFatal: out of memory\n");

        Snapshotter snapshots = snapshotter(Duration.ofMillis(500), DumpTools.system(), plist(log));
        JsonNode s = read(snapshots, snapshots.afterExit(LABEL, 4242, "crash", "process 4242 exited (signal 9)")
                .orElseThrow());

        assertThat(s.path("evidence").asText()).isEqualTo("process 4242 exited (signal 9)");
        assertThat(s.path("logs").path("stdout").path("tail").asText()).contains("Fatal: out of memory")
                .contains("password=[REDACTED]").doesNotContain("hunter2");
        assertThat(s.has("threads")).isFalse();
        assertThat(s.path("complete").asBoolean()).isTrue();
    }

    @Test
    void aDisabledSnapshotterKeepsNothing() {
        assertThat(Snapshotter.disabled().beforeKill(LABEL, ProcessHandle.current().pid(), "wedge", "x")).isEmpty();
    }

    static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
