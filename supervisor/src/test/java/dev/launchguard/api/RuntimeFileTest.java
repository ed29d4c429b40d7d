package dev.launchguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFileTest {

    @TempDir
    Path dir;

    private final long self = ProcessHandle.current().pid();

    @Test
    void stateDirPrefersTheFlagThenTheEnvironmentThenHome() {
        Path home = Path.of("/home/ops");
        Map<String, String> env = Map.of("LAUNCHGUARD_STATE_DIR", "/var/lg");

        assertThat(RuntimeFile.stateDir(Optional.of(Path.of("/flag")), env, home)).isEqualTo(Path.of("/flag"));
        assertThat(RuntimeFile.stateDir(Optional.empty(), env, home)).isEqualTo(Path.of("/var/lg"));
        assertThat(RuntimeFile.stateDir(Optional.empty(), Map.of("LAUNCHGUARD_STATE_DIR", " "), home))
                .isEqualTo(Path.of("/home/ops/.launchguard"));
        assertThat(RuntimeFile.stateDir(Optional.empty(), Map.of(), home)).isEqualTo(Path.of("/home/ops/.launchguard"));
    }

    @Test
    void writesReadsAndFindsTheRunningInstance() throws Exception {
        RuntimeInfo info = new RuntimeInfo(self, URI.create("http://127.0.0.1:40123"), dir.resolve("token"),
                Instant.parse("2025-03-01T10:00:00Z"));

        RuntimeFile.write(dir.resolve("state"), info);

        Path file = dir.resolve("state/runtime.json");
        assertThat(Files.readString(file)).contains("\"pid\" : " + self).contains("\"url\" : \"http://127.0.0.1:40123\"")
                .contains("\"startedAt\" : \"2025-03-01T10:00:00Z\"");
        assertThat(RuntimeFile.read(file)).contains(info);
        assertThat(RuntimeFile.find(dir.resolve("state")))
                .isEqualTo(new RuntimeFile.Endpoint(info.url(), dir.resolve("token"), "runtime file " + file));
        try (var listing = Files.list(dir.resolve("state"))) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void fallsBackToTheDefaultAddressWithoutAFile() {
        assertThat(RuntimeFile.find(dir)).isEqualTo(new RuntimeFile.Endpoint(URI.create("http://127.0.0.1:9470"),
                dir.resolve("token"), "the default address (no " + dir.resolve("runtime.json") + ")"));
    }

    @Test
    void ignoresAFileLeftByAProcessThatNoLongerRuns() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        RuntimeFile.write(dir, new RuntimeInfo(exited.pid(), URI.create("http://127.0.0.1:40123"), dir.resolve("t"),
                Instant.EPOCH));

        RuntimeFile.Endpoint endpoint = RuntimeFile.find(dir);

        assertThat(endpoint.url()).isEqualTo(URI.create("http://127.0.0.1:9470"));
        assertThat(endpoint.source()).isEqualTo("the default address (" + dir.resolve("runtime.json")
                + " was left by pid " + exited.pid() + ", which no longer runs)");
    }

    @Test
    void ignoresAnUnreadableFile() throws Exception {
        Files.writeString(dir.resolve("runtime.json"), "{\"pid\": 1");

        RuntimeFile.Endpoint endpoint = RuntimeFile.find(dir);

        assertThat(endpoint.url()).isEqualTo(URI.create("http://127.0.0.1:9470"));
        assertThat(endpoint.source()).startsWith("the default address (" + dir.resolve("runtime.json") + " is unreadable: ");
    }

    @Test
    void removesOnlyItsOwnFile() throws Exception {
        RuntimeInfo mine = new RuntimeInfo(self, URI.create("http://127.0.0.1:1"), dir.resolve("t"), Instant.EPOCH);
        RuntimeInfo newer = new RuntimeInfo(self, URI.create("http://127.0.0.1:2"), dir.resolve("t"), Instant.EPOCH);
        RuntimeFile.write(dir, newer);

        RuntimeFile.remove(dir, mine);
        assertThat(dir.resolve("runtime.json")).exists();

        RuntimeFile.remove(dir, newer);
        assertThat(dir.resolve("runtime.json")).doesNotExist();
    }
}
