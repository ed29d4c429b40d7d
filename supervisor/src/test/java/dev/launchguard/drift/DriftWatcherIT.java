package dev.launchguard.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.process.ProcessTable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each drift check kind, passing and failing, against real files, listeners and processes. */
class DriftWatcherIT {

    private static final ProcessTable TABLE = new ProcessTable();

    @TempDir
    Path dir;

    private final String label = "test.drift." + ProcessHandle.current().pid() + "." + System.nanoTime();
    private final Map<String, JobDirectory.LoadedJob> loaded = new HashMap<>();
    private final List<Process> started = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private DriftWatcher watcher;

    @BeforeEach
    void watcher() {
        watcher = new DriftWatcher(() -> loaded, TABLE, executor, Clock.systemUTC(), System::nanoTime);
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
        executor.shutdownNow();
    }

    private DriftResult run(DriftCheck check) {
        DriftReport report = watcher.run(List.of(check));
        assertThat(report.results()).hasSize(1);
        return report.results().get(0);
    }

    /** A python3 process carrying the job's tag and MODEL=mini, listening on a free loopback port; returns the port. */
    private int taggedListener() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", "import socket,time; s=socket.socket(); "
                + "s.bind(('127.0.0.1',0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(300)");
        builder.environment().put(ProcessTable.JOB_TAG, label);
        builder.environment().put("MODEL", "mini");
        Process p = builder.start();
        started.add(p);
        return Integer.parseInt(new String(p.getInputStream().readNBytes(6)).trim().split("\\s")[0]);
    }

    @Test
    void jobPassesWhenLoadedAndRunningAndFailsWhenAbsentOrStopped() {
        loaded.put(label, new JobDirectory.LoadedJob(label, "READY", OptionalLong.of(42), Optional.empty(), Optional.empty()));
        assertThat(run(new DriftCheck.JobLoaded("j", label))).extracting(DriftResult::ok, DriftResult::detail)
                .containsExactly(true, "job '" + label + "' is READY, pid 42");
        assertThat(run(new DriftCheck.JobLoaded("j", "other")).detail()).isEqualTo("job 'other' is not loaded in the job manager");
        loaded.put(label, new JobDirectory.LoadedJob(label, "STOPPED", OptionalLong.empty(), Optional.empty(), Optional.empty()));
        assertThat(run(new DriftCheck.JobLoaded("j", label))).extracting(DriftResult::ok, DriftResult::detail)
                .containsExactly(false, "job '" + label + "' is loaded but STOPPED (not running)");
        loaded.put(label, new JobDirectory.LoadedJob(label, "DISABLED", OptionalLong.empty(), Optional.empty(), Optional.empty()));
        assertThat(run(new DriftCheck.JobLoaded("j", label))).extracting(DriftResult::ok, DriftResult::detail)
                .containsExactly(false, "job '" + label + "' is DISABLED (launchguard enable " + label + " brings it back)");
    }

    @Test
    void plistPassesWhileUnchangedAndFailsOnceEditedOnDisk() {
        Path plist = dir.resolve(label + ".plist");
        Plists.write(LaunchdJob.of(label, List.of("/bin/sleep", "60")), plist);
        loaded.put(label, new JobDirectory.LoadedJob(label, "READY", OptionalLong.empty(), Optional.of(plist),
                LoadedPlist.digest(plist)));
        assertThat(run(new DriftCheck.PlistMatches("p", label)).ok()).isTrue();

        Plists.write(LaunchdJob.of(label, List.of("/bin/sleep", "61")), plist);
        DriftResult edited = run(new DriftCheck.PlistMatches("p", label));
        assertThat(edited.ok()).isFalse();
        assertThat(edited.detail()).startsWith(plist + " changed since job '" + label + "' loaded it (sha256 ");
    }

    @Test
    void portPassesWhenTheJobsProcessListensAndFailsForAForeignOrNoListener() throws IOException {
        int port = taggedListener();
        assertThat(run(new DriftCheck.PortOwned("p", port, Optional.of(label))).detail())
                .startsWith("port " + port + " is held by pid ").endsWith(" of job '" + label + "'");
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DriftResult foreign = run(new DriftCheck.PortOwned("p", squatter.getLocalPort(), Optional.of(label)));
            assertThat(foreign.ok()).isFalse();
            assertThat(foreign.detail()).endsWith(", not by a process of job '" + label + "'");
            assertThat(run(new DriftCheck.PortOwned("p", squatter.getLocalPort(), Optional.empty())).ok()).isTrue();
        }
        int free = freePort();
        assertThat(run(new DriftCheck.PortOwned("p", free, Optional.empty())).detail())
                .isEqualTo("nothing listens on port " + free);
    }

    @Test
    void processPassesWithTheExpectedCountAndFailsOtherwise() throws IOException {
        Path program = dir.resolve("drift-sleeper-" + ProcessHandle.current().pid());
        Files.createSymbolicLink(program, Path.of("/bin/sleep"));
        for (int i = 0; i < 2; i++) {
            started.add(new ProcessBuilder(program.toString(), "300").start());
        }
        String name = program.getFileName().toString();
        assertThat(run(new DriftCheck.ProcessCount("p", name, OptionalInt.of(2)))).extracting(DriftResult::ok, DriftResult::detail)
                .containsExactly(true, "2 process(es) run " + name + " (expected 2)");
        assertThat(run(new DriftCheck.ProcessCount("p", name, OptionalInt.of(3))).ok()).isFalse();
        assertThat(run(new DriftCheck.ProcessCount("p", name + "-absent", OptionalInt.empty())).detail())
                .isEqualTo("0 process(es) run " + name + "-absent (expected at least 1)");
    }

    @Test
    void filePassesWhenPresentWithContentAndDigestAndFailsOtherwise() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        String digest = LoadedPlist.digest(file).orElseThrow();
        assertThat(run(new DriftCheck.FileState("f", file, Optional.of("localhost"), Optional.of(digest))).ok()).isTrue();
        assertThat(run(new DriftCheck.FileState("f", file, Optional.of("example"), Optional.empty())).detail())
                .isEqualTo(file + " does not contain 'example'");
        assertThat(run(new DriftCheck.FileState("f", file, Optional.empty(), Optional.of("0".repeat(64)))).detail())
                .isEqualTo(file + " has sha256 " + digest + ", expected " + "0".repeat(64));
        assertThat(run(new DriftCheck.FileState("f", dir.resolve("gone"), Optional.empty(), Optional.empty())).detail())
                .isEqualTo(dir.resolve("gone") + " does not exist");
    }

    @Test
    void configReadsPlistJsonAndYamlKeysAndFailsOnAnotherValueOrMissingKey() throws IOException {
        Path json = Files.writeString(dir.resolve("app.json"), "{\"server\": {\"port\": 8080, \"hosts\": [\"a\", \"b\"]}}");
        Path yaml = Files.writeString(dir.resolve("app.yaml"), "features:\n  search: true\n");
        Path plist = dir.resolve("job.plist");
        Plists.write(LaunchdJob.of(label, List.of("/bin/sleep", "60")).withEnvironmentVariables(Map.of("MODEL", "mini")), plist);
        assertThat(run(new DriftCheck.ConfigValue("c", json, "server.port", "8080")).ok()).isTrue();
        assertThat(run(new DriftCheck.ConfigValue("c", json, "server.hosts.1", "b")).ok()).isTrue();
        assertThat(run(new DriftCheck.ConfigValue("c", yaml, "features.search", "true")).ok()).isTrue();
        assertThat(run(new DriftCheck.ConfigValue("c", plist, "EnvironmentVariables.MODEL", "mini")).ok()).isTrue();

        assertThat(run(new DriftCheck.ConfigValue("c", json, "server.port", "9090")).detail())
                .isEqualTo(json + ": server.port is '8080', expected '9090'");
        assertThat(run(new DriftCheck.ConfigValue("c", yaml, "features.chat", "true")).detail())
                .isEqualTo(yaml + ": features.chat: no key 'chat' in 'features'");
    }

    @Test
    void envPassesWhenTheJobsProcessHasTheValueAndFailsOtherwise() throws IOException {
        taggedListener();
        assertThat(run(new DriftCheck.EnvValue("e", label, "MODEL", "mini")).ok()).isTrue();
        assertThat(run(new DriftCheck.EnvValue("e", label, "MODEL", "large")).detail()).startsWith("MODEL=mini in pid ")
                .endsWith(", expected large");
        assertThat(run(new DriftCheck.EnvValue("e", label + ".none", "MODEL", "mini")).detail())
                .isEqualTo("no process of job '" + label + ".none' runs");
    }

    @Test
    void commandPassesOnExitZeroAndFailsOnOtherExitOrTimeout() {
        Duration timeout = Duration.ofSeconds(5);
        assertThat(run(new DriftCheck.CommandExits("c", List.of("true"), timeout)).ok()).isTrue();
        assertThat(run(new DriftCheck.CommandExits("c", List.of("sh", "-c", "exit 3"), timeout)).detail()).isEqualTo("exited 3");
        assertThat(run(new DriftCheck.CommandExits("c", List.of("sleep", "30"), Duration.ofMillis(200))).detail())
                .isEqualTo("did not exit within 200 ms (killed)");
        assertThat(run(new DriftCheck.CommandExits("c", List.of(dir.resolve("missing").toString()), timeout)).detail())
                .startsWith("cannot run " + dir.resolve("missing"));
    }

    @Test
    void aSilentJobManagerFailsItsChecksAndIsReported() {
        watcher = new DriftWatcher(() -> {
            throw new JobDirectory.Unavailable("http://127.0.0.1:1/api/v1/jobs: connection refused", null);
        }, TABLE, executor, Clock.systemUTC(), System::nanoTime);
        DriftReport report = watcher.run(List.of(new DriftCheck.JobLoaded("j", label),
                new DriftCheck.CommandExits("c", List.of("true"), Duration.ofSeconds(5))));
        assertThat(report.unreachable()).contains("http://127.0.0.1:1/api/v1/jobs: connection refused");
        assertThat(report.results()).extracting(DriftResult::ok).containsExactly(false, true);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
