package dev.launchguard.model.inference;

import dev.launchguard.model.embedding.Encoder;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the model, then runs the warmup batches through the inference threads, advancing the
 * {@link ModelStatus} after each step. Runs on its own thread; the server answers meanwhile.
 */
public final class ModelLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    /** One warmup batch: eight sentences of mixed length, like a small real request. */
    static final List<String> WARMUP_BATCH = List.of(
            "The supervisor restarts a service that stopped answering.",
            "A cat sits on the mat.",
            "Inference servers load their weights before they accept traffic.",
            "launchd keeps a job alive when it exits, but not when it hangs.",
            "Quarterly tax filing deadline.",
            "Embeddings map sentences with similar meaning close together in vector space, which makes"
                    + " them useful for search, clustering and deduplication.",
            "Hello world.",
            "The respawn target is fifteen seconds from the moment a service stops serving.");

    private final Supplier<Encoder> load;
    private final InferenceService inference;
    private final ModelStatus status;
    private final int warmupBatches;

    public ModelLoader(Supplier<Encoder> load, InferenceService inference, ModelStatus status, int warmupBatches) {
        this.load = load;
        this.inference = inference;
        this.status = status;
        this.warmupBatches = warmupBatches;
    }

    /**
     * Loads and warms the model; returns normally once ready, throws if loading failed (the status
     * then reads failed).
     */
    public void run() {
        long start = System.nanoTime();
        try {
            inference.attach(load.get());
            status.advance();
            LOG.info("model loaded warmup_batches={}", warmupBatches);
            for (int batch = 0; batch < warmupBatches && status.readiness().phase() == Phase.WARMING; batch++) {
                inference.embed(WARMUP_BATCH).join();
                status.advance();
            }
            LOG.info("start-up finished phase={} startup_ms={}",
                    status.readiness().phase().wireName(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            status.fail();
            throw e;
        }
    }
}
