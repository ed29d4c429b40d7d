package dev.launchguard.model.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.model.embedding.Embeddings;
import dev.launchguard.model.embedding.Encoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelLoaderTest {

    private final InferenceService service = new InferenceService(2, System::nanoTime, d -> { }, () -> { });

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void reportsLoadingThenEachWarmupBatchThenReady() {
        ModelStatus status = new ModelStatus(3);
        List<Readiness> seen = new ArrayList<>();
        Encoder watching = new FakeEncoder() {
            @Override
            public Embeddings embed(List<String> texts) {
                seen.add(status.readiness());
                return super.embed(texts);
            }
        };
        assertThat(status.readiness()).isEqualTo(new Readiness(Phase.LOADING, 0, 4));

        new ModelLoader(() -> watching, service, status, 3).run();

        assertThat(seen).containsExactly(
                new Readiness(Phase.WARMING, 1, 4), new Readiness(Phase.WARMING, 2, 4), new Readiness(Phase.WARMING, 3, 4));
        assertThat(status.readiness()).isEqualTo(new Readiness(Phase.READY, 4, 4));
        assertThat(service.stats().texts()).isEqualTo(3L * ModelLoader.WARMUP_BATCH.size());
    }

    @Test
    void zeroWarmupIsReadyRightAfterLoading() {
        ModelStatus status = new ModelStatus(0);

        new ModelLoader(FakeEncoder::new, service, status, 0).run();

        assertThat(status.readiness().ready()).isTrue();
        assertThat(status.readiness().fraction()).isEqualTo(1.0);
    }

    @Test
    void aFailedLoadReadsFailed() {
        ModelStatus status = new ModelStatus(2);

        assertThatThrownBy(() -> new ModelLoader(() -> {
            throw new IllegalStateException("model 'x' failed to load");
        }, service, status, 2).run()).hasMessage("model 'x' failed to load");
        assertThat(status.readiness().phase()).isEqualTo(Phase.FAILED);
    }

    @Test
    void drainingStopsTheWarmupAndStaysNotReady() {
        ModelStatus status = new ModelStatus(50);
        Encoder drainingAfterFirstBatch = new FakeEncoder() {
            @Override
            public Embeddings embed(List<String> texts) {
                status.drain();
                return super.embed(texts);
            }
        };

        new ModelLoader(() -> drainingAfterFirstBatch, service, status, 50).run();

        assertThat(service.stats().runs()).isEqualTo(1);
        assertThat(status.readiness().phase()).isEqualTo(Phase.DRAINING);
    }
}
