package dev.launchguard.drift;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One assertion of a drift file: a fact about the machine that should stay true. Each kind is one
 * record here and one branch of {@link DriftChecks}; {@link #name()} is the check's metric tag and
 * the line it reports under.
 */
public sealed interface DriftCheck {

    String name();

    /** The kind as written in the drift file ({@code job}, {@code port}, ...). */
    String kind();

    /** The job is loaded in the job manager and not stopped (disabling a job boots it out and stops it). */
    record JobLoaded(String name, String label) implements DriftCheck {
        public JobLoaded {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public String kind() {
            return "job";
        }
    }

    /** The plist the job was loaded from has the same SHA-256 on disk as when it was loaded. */
    record PlistMatches(String name, String label) implements DriftCheck {
        public PlistMatches {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public String kind() {
            return "plist";
        }
    }

    /** Something listens on {@code port}; with an owner, a process of that job (tag or instance tree). */
    record PortOwned(String name, int port, Optional<String> owner) implements DriftCheck {
        public PortOwned {
            Objects.requireNonNull(owner, "owner");
        }

        @Override
        public String kind() {
            return "port";
        }
    }

    /** Processes running {@code program} (argv[0], or its file name); exactly {@code count}, else at least one. */
    record ProcessCount(String name, String program, OptionalInt count) implements DriftCheck {
        public ProcessCount {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(count, "count");
        }

        @Override
        public String kind() {
            return "process";
        }
    }

    /** The file exists and, when given, contains a string and has a SHA-256 (lower-case hex). */
    record FileState(String name, Path path, Optional<String> contains, Optional<String> sha256) implements DriftCheck {
        public FileState {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(contains, "contains");
            Objects.requireNonNull(sha256, "sha256");
        }

        @Override
        public String kind() {
            return "file";
        }
    }

    /** A dotted key in a plist, JSON or YAML file (chosen by extension) has the expected value. */
    record ConfigValue(String name, Path path, String key, String expected) implements DriftCheck {
        public ConfigValue {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public String kind() {
            return "config";
        }
    }

    /** An environment variable of the job's running instance has the expected value. */
    record EnvValue(String name, String label, String variable, String expected) implements DriftCheck {
        public EnvValue {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(variable, "variable");
            Objects.requireNonNull(expected, "expected");
        }

        @Override
        public String kind() {
            return "env";
        }
    }

    /**
     * Every job in a plist folder is watched by launchguard.yaml ({@link UnwatchedJobs}), but those
     * {@code ignore} names: a label, or a prefix ending in {@code *}.
     *
     * @param plists the folder; empty for the plist folder of the launchguard.yaml in use
     */
    record JobsWatched(String name, Optional<Path> plists, List<String> ignore) implements DriftCheck {
        public JobsWatched {
            Objects.requireNonNull(plists, "plists");
            ignore = List.copyOf(ignore);
        }

        @Override
        public String kind() {
            return "unwatched";
        }

        /** True when {@code label} is one the check lets be unwatched. */
        public boolean ignores(String label) {
            return ignore.stream().anyMatch(i -> i.endsWith("*") ? label.startsWith(i.substring(0, i.length() - 1))
                    : label.equals(i));
        }
    }

    /** The command (an argument array, never a shell line) exits 0 within {@code timeout}. */
    record CommandExits(String name, List<String> command, Duration timeout) implements DriftCheck {
        public CommandExits {
            command = List.copyOf(command);
            if (command.isEmpty() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("check '" + name + "' needs a command and a positive timeout");
            }
        }

        @Override
        public String kind() {
            return "command";
        }
    }
}
