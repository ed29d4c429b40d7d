package dev.launchguard.adopt;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Whether a job of the plist folder runs now, as the job manager or the process table shows it. */
public sealed interface Seen {

    /** A short phrase for the summary table: {@code running}, {@code not running}, {@code not loaded}. */
    String word();

    /**
     * The job runs.
     *
     * @param started when its process started, when the OS says
     * @param how what showed it, e.g. "launchctl list", "carries LAUNCHGUARD_JOB=<label> (engine /x/engine)"
     */
    record Running(long pid, Optional<Instant> started, String how) implements Seen {
        public Running {
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(how, "how");
        }

        @Override
        public String word() {
            return "running";
        }
    }

    /** Loaded (or, off macOS, nothing tells loaded from not) but no process runs; {@code why} says what was seen. */
    record NotRunning(String why) implements Seen {
        public NotRunning {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String word() {
            return "not running";
        }
    }

    /** The job manager does not have the job. */
    record NotLoaded(String why) implements Seen {
        public NotLoaded {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String word() {
            return "not loaded";
        }
    }
}
