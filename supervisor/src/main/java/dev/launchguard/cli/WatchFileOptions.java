package dev.launchguard.cli;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.config.WatchersConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Which file a one-shot watcher reads: {@code --file}, else the one launchguard.yaml names under
 * {@code watchers.<kind>.file} (the file the daemon's own watcher reads), else {@code <kind>.yaml} in
 * the working folder. launchguard.yaml is {@code --config}, else the one in the working folder (where
 * {@code launchguard run} looks), else {@code <state-dir>/fleet/launchguard.yaml} (where
 * launchd/install.sh puts it).
 */
final class WatchFileOptions {

    @Option(names = "--file", paramLabel = "FILE",
            description = "the watcher file (default: the one launchguard.yaml names under watchers, else ./<kind>.yaml)")
    Path file;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the launchguard.yaml whose watchers block names the file, and whose jobs a drift unwatched "
                    + "check compares with (default: ./launchguard.yaml, else <state-dir>/fleet/launchguard.yaml)")
    Path config;

    /**
     * The file to read for the watcher {@code kind} ({@code drift}, {@code uptime}).
     *
     * @throws IllegalArgumentException saying where it looked, when no file is given, configured or present
     */
    Path resolve(String kind, Path stateDir, Function<WatchersConfig, Optional<WatchersConfig.Schedule>> schedule) {
        if (file != null) {
            return file;
        }
        Optional<Path> yaml = configFile(stateDir);
        if (yaml.isPresent()) {
            LaunchguardConfig loaded = ConfigLoader.forUser().load(yaml.get());
            return schedule.apply(loaded.watchers()).map(WatchersConfig.Schedule::file).orElseThrow(() ->
                    new IllegalArgumentException(yaml.get() + " names no watchers." + kind + ".file; give --file FILE "
                            + "or add 'watchers: { " + kind + ": { file: " + kind + ".yaml } }' to it"));
        }
        Path local = Path.of(kind + ".yaml");
        if (Files.isRegularFile(local)) {
            return local;
        }
        throw new IllegalArgumentException("no " + kind + " file: give --file FILE, or name one as watchers." + kind
                + ".file in launchguard.yaml (looked for " + String.join(", ", looked(stateDir)) + " and ./"
                + kind + ".yaml)");
    }

    /**
     * The launchguard.yaml in use, loaded: {@code --config}, else the first of the places {@link #resolve}
     * looks; empty when there is none.
     */
    Optional<LaunchguardConfig> configuration(Path stateDir) {
        return configFile(stateDir).map(ConfigLoader.forUser()::load);
    }

    private Optional<Path> configFile(Path stateDir) {
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("--config " + config + " is not a file");
            }
            return Optional.of(config);
        }
        return candidates(stateDir).stream().filter(Files::isRegularFile).findFirst();
    }

    private static List<Path> candidates(Path stateDir) {
        return List.of(Path.of("launchguard.yaml"), stateDir.resolve("fleet").resolve("launchguard.yaml"));
    }

    /** Where launchguard.yaml is looked for without {@code --config}, for the message when it is in none. */
    static List<String> looked(Path stateDir) {
        List<String> names = new ArrayList<>();
        candidates(stateDir).forEach(p -> names.add(p.isAbsolute() ? p.toString() : "./" + p));
        return names;
    }
}
