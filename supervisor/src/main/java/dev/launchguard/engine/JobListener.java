package dev.launchguard.engine;

import dev.launchguard.job.Termination;
import java.util.Optional;

/**
 * Hears what the engine does to processes, as it happens: a respawn-latency meter or a benchmark
 * timestamps these instead of polling {@code status}. Called on the engine's event threads; an
 * implementation must return quickly and never call back into the engine.
 */
public interface JobListener {

    /** A listener that ignores everything. */
    JobListener NONE = new JobListener() {
    };

    /** A run of {@code label} started as {@code pid}. */
    default void spawned(String label, long pid) {
    }

    /** A run of {@code label} ended; {@code how} is empty when the engine could not learn it (an adopted run). */
    default void exited(String label, long pid, Optional<Termination> how) {
    }
}
