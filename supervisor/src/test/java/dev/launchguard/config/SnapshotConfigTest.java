package dev.launchguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotConfigTest {

    @TempDir
    Path dir;

    private LaunchguardConfig load(String snapshot) throws Exception {
        Path file = dir.resolve("launchguard.yaml");
        Files.writeString(file, snapshot + "jobs: []\n");
        return new ConfigLoader(dir).load(file);
    }

    @Test
    void isOnWithAHalfSecondBudgetByDefault() throws Exception {
        SnapshotConfig s = load("").snapshot();

        assertThat(s).isEqualTo(SnapshotConfig.defaults());
        assertThat(s.enabled()).isTrue();
        assertThat(s.budget()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.keep()).isEqualTo(20);
        assertThat(s.maxBytes()).isEqualTo(256 * 1024);
        assertThat(s.maxJobBytes()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void readsEveryKey() throws Exception {
        SnapshotConfig s = load("snapshot:\n  enabled: false\n  budget: 250ms\n  keep: 5\n  maxBytes: 65536\n"
                + "  maxJobBytes: 131072\n").snapshot();

        assertThat(s).isEqualTo(new SnapshotConfig(false, Duration.ofMillis(250), 5, 65_536, 131_072));
    }

    @Test
    void refusesABudgetThatHoldsTheKillTooLong() throws Exception {
        Path file = dir.resolve("launchguard.yaml");
        assertThatThrownBy(() -> load("snapshot:\n  budget: 30s\n")).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": snapshot.budget: 30000 ms is longer than the allowed 10s: the kill of a wedged "
                        + "job waits for it (the default is 500ms)");
    }

    @Test
    void refusesAJobCapBelowOneSnapshot() throws Exception {
        Path file = dir.resolve("launchguard.yaml");
        assertThatThrownBy(() -> load("snapshot:\n  maxBytes: 100000\n  maxJobBytes: 50000\n"))
                .isInstanceOf(ConfigException.class).hasMessage(file + ": snapshot.maxJobBytes: 50000 is smaller "
                        + "than maxBytes 100000; a job's snapshots together must hold at least one");
    }

    @Test
    void refusesAnUnknownKey() throws Exception {
        assertThatThrownBy(() -> load("snapshot:\n  budjet: 1s\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("snapshot.budjet");
    }
}
