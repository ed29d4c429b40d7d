package dev.launchguard.engine;

import java.util.List;
import java.util.Objects;

/**
 * Processes that get in a job's way without being its running instance: orphans (they carry the
 * job's tag from an older run, or run the job's exact command line untagged) and squatters (a
 * foreign process listening on one of the job's ports).
 */
public record Strays(String label, List<Stray> orphans, List<Stray> squatters) {

    public Strays {
        Objects.requireNonNull(label, "label");
        orphans = List.copyOf(orphans);
        squatters = List.copyOf(squatters);
    }

    public boolean none() {
        return orphans.isEmpty() && squatters.isEmpty();
    }

    /**
     * One stray process.
     *
     * @param pid the process, -1 when the OS does not name a port's owner
     * @param reason why it counts, e.g. {@code tagged by run 3f2a... (not the current run)} or
     *     {@code listens on port 8080}
     */
    public record Stray(long pid, List<String> arguments, String reason) {
        public Stray {
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(reason, "reason");
        }
    }
}
