package dev.launchguard.drift;

import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The launchguard.yaml an {@code unwatched} drift check compares a plist folder with: the labels of its
 * jobs and its own plist folder (the check's default).
 *
 * @param source the configuration's file, for messages
 */
public record WatchedJobs(String source, Set<String> labels, Path plists) {

    public WatchedJobs {
        Objects.requireNonNull(source, "source");
        labels = Set.copyOf(labels);
        Objects.requireNonNull(plists, "plists");
    }

    /** The configuration's {@code jobs[].label} and {@code plists}. */
    public static WatchedJobs of(LaunchguardConfig config) {
        return new WatchedJobs(config.source(), config.jobs().stream().map(JobConfig::label).collect(Collectors.toSet()),
                config.plists());
    }
}
