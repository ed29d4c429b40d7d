package dev.launchguard.strays;

import dev.launchguard.doctor.Diagnosis;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stray cycle: every job's orphans (processes of the job outside its current instance) and
 * squatters (foreign listeners on its ports), and the orphans reaped this cycle.
 *
 * @param jobs the labels looked at, in configuration order
 * @param reap whether reaping is on
 */
public record StrayReport(Instant at, List<String> jobs, List<Diagnosis.Problem> orphans,
        List<Diagnosis.Problem> squatters, List<Reaped> reaped, boolean reap) {

    public StrayReport {
        Objects.requireNonNull(at, "at");
        jobs = List.copyOf(jobs);
        orphans = List.copyOf(orphans);
        squatters = List.copyOf(squatters);
        reaped = List.copyOf(reaped);
    }

    /**
     * An orphan killed, with the evidence that tied it to the job.
     *
     * @param instance the run it was tagged with ({@code LAUNCHGUARD_INSTANCE}), not the current one
     */
    public record Reaped(String label, long pid, String instance, String command, String why) {
        public Reaped {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(why, "why");
        }
    }

    /** The problems of one job, orphans first. */
    public List<Diagnosis.Problem> of(String label) {
        return java.util.stream.Stream.concat(orphans.stream(), squatters.stream())
                .filter(p -> p.label().equals(label)).toList();
    }
}
