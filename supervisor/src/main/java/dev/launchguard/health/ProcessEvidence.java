package dev.launchguard.health;

import java.util.Objects;

/**
 * Reads whether a process runs, and its state, CPU time and memory, from the process table: the
 * evidence for a verdict.
 *
 * <p>Every answer has three values. A process is {@link Gone} only when the operating system
 * positively says so (no {@code /proc/PID}, a zombie); a read that fails for any other reason (no
 * file descriptor left, EMFILE; permission denied; a table that lists nothing) is {@link Unknown},
 * from which no verdict may be drawn: launchguard out of descriptors is not its jobs dying.
 */
public interface ProcessEvidence {

    /** Whether {@code pid} runs: one cheap read, done on every tick. */
    Presence presence(long pid);

    /** The process tree rooted at {@code pid} now: what a wedge verdict reads. */
    Sample sample(long pid);

    /** What {@link #presence} found. */
    sealed interface Presence permits Running, Gone, Unknown {
    }

    /** What {@link #sample} found. */
    sealed interface Sample permits Alive, Gone, Unknown {
    }

    /** The process runs. */
    record Running() implements Presence {
    }

    /** The process runs, and this is what the table says about its tree. */
    record Alive(ProcessSample sample) implements Sample {

        public Alive {
            Objects.requireNonNull(sample, "sample");
        }
    }

    /** The process is positively known to have ended: it is not in the table, or it is a zombie. */
    record Gone() implements Presence, Sample {
    }

    /**
     * The table could not be read; the process may well be running.
     *
     * @param reason what failed, for the log ({@code /proc/42/stat: Too many open files})
     */
    record Unknown(String reason) implements Presence, Sample {

        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
