package dev.launchguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.fleet.SnapshotEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    private static final String LABEL = "com.example.model";

    @TempDir
    Path state;

    private static byte[] snapshot(String id, int padding) {
        return ("{\"id\":\"" + id + "\",\"label\":\"" + LABEL + "\",\"pid\":42,\"reason\":\"wedge\",\"evidence\":\"e\","
                + "\"at\":\"2026-12-07T17:05:12.345Z\",\"budgetMs\":500,\"elapsedMs\":12,\"complete\":true,"
                + "\"pad\":\"" + "x".repeat(padding) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String id(int n) {
        return String.format("20261207T1705%02d.345Z-42", n);
    }

    @Test
    void keepsFilesPrivateInPrivateFolders() throws IOException {
        SnapshotStore store = new SnapshotStore(state.resolve("snapshots"), 20, 1_000_000);
        store.write(LABEL, id(1), snapshot(id(1), 10));

        Path file = state.resolve("snapshots").resolve(LABEL).resolve(id(1) + ".json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("snapshots"))))
                .isEqualTo("rwx------");
        assertThat(file.getParent()).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void removesTheOldestBeyondTheCount() throws IOException {
        SnapshotStore store = new SnapshotStore(state.resolve("snapshots"), 3, 1_000_000);
        for (int i = 1; i <= 5; i++) {
            store.write(LABEL, id(i), snapshot(id(i), 10));
        }

        assertThat(store.list(LABEL)).extracting(SnapshotEntry::id).containsExactly(id(5), id(4), id(3));
    }

    @Test
    void removesTheOldestBeyondTheBytesButKeepsTheNewest() throws IOException {
        SnapshotStore store = new SnapshotStore(state.resolve("snapshots"), 20, 2_500);
        for (int i = 1; i <= 4; i++) {
            store.write(LABEL, id(i), snapshot(id(i), 1_000));
        }
        store.write(LABEL, id(9), snapshot(id(9), 5_000));

        List<SnapshotEntry> kept = store.list(LABEL);
        assertThat(kept).extracting(SnapshotEntry::id).containsExactly(id(9));
        assertThat(kept.get(0).bytes()).isGreaterThan(5_000);
        assertThat(kept.get(0).complete()).isTrue();
        assertThat(kept.get(0).pid()).isEqualTo(42);
    }

    @Test
    void readsOnlyWellFormedIdsOfItsOwnFolder() throws IOException {
        SnapshotStore store = new SnapshotStore(state.resolve("snapshots"), 20, 1_000_000);
        store.write(LABEL, id(1), snapshot(id(1), 10));
        Files.writeString(state.resolve("secret.json"), "{}");

        assertThat(store.read(LABEL, id(1))).get().asString().contains("\"pid\":42");
        assertThat(store.read(LABEL, "../../secret")).isEmpty();
        assertThat(store.read("..", id(1))).isEmpty();
        assertThat(store.read(LABEL, id(2))).isEmpty();
        assertThat(SnapshotStore.validId("20261207T170512.345Z-42-2")).isTrue();
        assertThat(SnapshotStore.validId("20261207T170512.345Z-42/../x")).isFalse();
    }

    @Test
    void aSecondSnapshotOfTheSameMillisecondGetsItsOwnId() throws IOException {
        SnapshotStore store = new SnapshotStore(state.resolve("snapshots"), 20, 1_000_000);
        store.write(LABEL, store.freeId(LABEL, id(1)), snapshot(id(1), 10));

        assertThat(store.freeId(LABEL, id(1))).isEqualTo(id(1) + "-2");
    }
}
