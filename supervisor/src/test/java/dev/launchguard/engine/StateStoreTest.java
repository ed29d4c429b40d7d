package dev.launchguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path folder;

    @Test
    void instanceRecordsSurviveANewStoreOnTheSameFolder() {
        InstanceRecord record = new InstanceRecord("com.example/web", "abc123", 4242,
                Optional.of(Instant.parse("2026-01-01T00:00:00.120Z")), 7);
        new StateStore(folder).saveInstance(record);

        assertThat(new StateStore(folder).loadInstance("com.example/web")).contains(record);
    }

    @Test
    void aPendingRecordHasNoPid() {
        StateStore store = new StateStore(folder);
        store.saveInstance(InstanceRecord.pending("web", "abc", 1));

        InstanceRecord loaded = store.loadInstance("web").orElseThrow();
        assertThat(loaded.spawned()).isFalse();
        assertThat(loaded.instance()).isEqualTo("abc");
    }

    @Test
    void forgettingRemovesTheRecord() {
        StateStore store = new StateStore(folder);
        store.saveInstance(InstanceRecord.pending("web", "abc", 1));
        store.forgetInstance("web");
        assertThat(store.loadInstance("web")).isEmpty();
    }

    @Test
    void overridesArePersistentAndEnableWritesFalse() {
        new StateStore(folder).setDisabled("web", true);
        assertThat(new StateStore(folder).disabledOverride("web")).contains(true);
        new StateStore(folder).setDisabled("web", false);
        assertThat(new StateStore(folder).disabledOverride("web")).contains(false);
        assertThat(new StateStore(folder).disabledOverride("other")).isEmpty();
    }
}
