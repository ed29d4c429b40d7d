package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.plist.LaunchdJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnerTest {

    @Test
    void programReplacesArgvZeroWhenBothAreGiven() {
        LaunchdJob job = new LaunchdJob("web", java.util.Optional.of("/usr/bin/python3"),
                List.of("python", "-m", "http.server"), LaunchdJob.of("x", List.of("x")).keepAlive(), false,
                java.util.Optional.empty(), List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), Map.of(), java.util.Optional.empty(), java.util.Optional.empty(), false,
                false, java.util.Optional.empty(), List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.OptionalInt.empty(), java.util.OptionalInt.empty(), Map.of(), Map.of(), Map.of());
        assertThat(Spawner.command(job)).containsExactly("/usr/bin/python3", "-m", "http.server");
    }

    @Test
    void environmentIsLaunchdsPlusThePlistsPlusTagsThatCannotBeOverridden() {
        Map<String, String> env = new HashMap<>(Map.of("HOME", "/root", "SECRET", "x", "PATH", "/opt/bin"));
        LaunchdJob job = LaunchdJob.of("web", List.of("/bin/true"))
                .withEnvironmentVariables(Map.of("PORT", "8080", ProcessTable.JOB_TAG, "hidden"));

        new Spawner("/var/lib/lg/engine", Optional.empty()).environment(env, job, "run1");

        assertThat(env).containsEntry("HOME", "/root").containsEntry("PORT", "8080")
                .containsEntry("PATH", Spawner.LAUNCHD_PATH).containsEntry(ProcessTable.JOB_TAG, "web")
                .containsEntry(ProcessTable.INSTANCE_TAG, "run1").containsEntry("XPC_SERVICE_NAME", "web")
                .containsEntry(ProcessTable.OWNER_TAG, "/var/lib/lg/engine")
                .doesNotContainKey("SECRET");
    }

    @Test
    void theOwnerTagCannotBeOverriddenByThePlist() {
        Map<String, String> env = new HashMap<>();
        LaunchdJob job = LaunchdJob.of("web", List.of("/bin/true"))
                .withEnvironmentVariables(Map.of(ProcessTable.OWNER_TAG, "/somebody/else"));

        new Spawner("/var/lib/lg/engine", Optional.empty()).environment(env, job, "run1");

        assertThat(env).containsEntry(ProcessTable.OWNER_TAG, "/var/lib/lg/engine");
    }

    @Test
    void setsidPrefixesTheJobsArgumentsWhenThereIsOne() {
        LaunchdJob job = LaunchdJob.of("web", List.of("/usr/bin/python3", "-m", "http.server"));

        assertThat(new Spawner("o", Optional.of(Path.of("/usr/bin/setsid"))).argv(job))
                .containsExactly("/usr/bin/setsid", "/usr/bin/python3", "-m", "http.server");
        assertThat(new Spawner("o", Optional.empty()).argv(job)).containsExactly("/usr/bin/python3", "-m", "http.server");
    }

    @Test
    void aProgramIsFoundAsExecvpFindsIt(@TempDir Path dir) throws IOException {
        Path tool = Files.createFile(dir.resolve("tool"));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(dir.resolve("data"));

        Spawner.requireExecutable("web", "tool", "/nowhere:" + dir, Path.of("/"));
        Spawner.requireExecutable("web", "./tool", "/nowhere", dir);
        Spawner.requireExecutable("web", tool.toString(), "/nowhere", Path.of("/"));
        assertThatThrownBy(() -> Spawner.requireExecutable("web", "tool", "/nowhere", Path.of("/")))
                .isInstanceOf(IOException.class).hasMessage("program 'tool' of job 'web' is not in PATH /nowhere");
        assertThatThrownBy(() -> Spawner.requireExecutable("web", dir.resolve("data").toString(), "/nowhere", dir))
                .isInstanceOf(IOException.class)
                .hasMessage("program '" + dir.resolve("data") + "' of job 'web' is not an executable file");
    }
}
