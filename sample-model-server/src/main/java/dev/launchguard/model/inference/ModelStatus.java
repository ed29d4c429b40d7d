package dev.launchguard.model.inference;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the server's current {@link Readiness}. The model loader moves it forward, shutdown moves it
 * to draining; every other thread reads snapshots.
 */
public final class ModelStatus {

    private final AtomicReference<Readiness> current;

    public ModelStatus(int warmupBatches) {
        this.current = new AtomicReference<>(Readiness.loading(warmupBatches));
    }

    public Readiness readiness() {
        return current.get();
    }

    void advance() {
        current.updateAndGet(r -> r.phase() == Phase.DRAINING ? r : r.advanced());
    }

    void fail() {
        current.updateAndGet(Readiness::failed);
    }

    /** Marks the server as shutting down; ready answers false from now on. */
    public void drain() {
        current.updateAndGet(Readiness::draining);
    }
}
