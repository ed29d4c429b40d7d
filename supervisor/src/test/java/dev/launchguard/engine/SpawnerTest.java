package dev.launchguard.engine;

import dev.launchguard.process.ProcessTable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.plist.LaunchdJob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

        new Spawner("/var/lib/lg/engine").environment(env, job, "run1");

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

        new Spawner("/var/lib/lg/engine").environment(env, job, "run1");

        assertThat(env).containsEntry(ProcessTable.OWNER_TAG, "/var/lib/lg/engine");
    }
}
