package dev.launchguard.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine writes down about a job's current run so that, after the engine itself is
 * killed, the next engine can adopt the run instead of starting a duplicate.
 *
 * @param instance the run's LAUNCHGUARD_INSTANCE tag, written before the process is started
 * @param pid the main process, 0 while the spawn is in flight
 * @param started the main process's start time; with the PID it survives PID reuse
 * @param runs how many runs the job had, so {@code runs} in the status continues
 */
record InstanceRecord(String label, String instance, long pid, Optional<Instant> started, long runs) {

    InstanceRecord {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(started, "started");
    }

    /** A run whose process is being started right now: the tag is known, the PID is not. */
    static InstanceRecord pending(String label, String instance, long runs) {
        return new InstanceRecord(label, instance, 0, Optional.empty(), runs);
    }

    boolean spawned() {
        return pid > 0 && started.isPresent();
    }
}
