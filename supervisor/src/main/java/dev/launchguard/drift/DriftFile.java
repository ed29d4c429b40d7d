package dev.launchguard.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.launchguard.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a drift file ({@code drift.yaml}) into its checks, or fails with one message naming file,
 * key path, value and what is allowed. Each check is a mapping with exactly one kind key; relative
 * paths are read against the drift file's folder, {@code ~/} against the user's home.
 */
public final class DriftFile {

    /** A command that hangs must not hold up the other checks for long; a drift run is meant to be quick. */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Ten times the 100-check file the watcher is measured with (docs/watchers.md): a run is meant to
     * take well under its interval, and each check may start a command.
     */
    static final int MAX_CHECKS = 1_000;

    private static final Set<String> TOP_KEYS = Set.of("checks");
    private static final Map<String, Set<String>> KINDS = kinds();
    private static final String SHA256 = "[0-9a-f]{64}";
    /** {@code unwatched: configured}: the plist folder of the launchguard.yaml in use ({@code ./configured} is a folder). */
    static final String CONFIGURED = "configured";

    private final Path home;

    public DriftFile(Path home) {
        this.home = home;
    }

    /** A reader resolving {@code ~} against the user's home. */
    public static DriftFile forUser() {
        return new DriftFile(Path.of(System.getProperty("user.home")));
    }

    private static Map<String, Set<String>> kinds() {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        kinds.put("job", Set.of());
        kinds.put("plist", Set.of());
        kinds.put("port", Set.of("owner"));
        kinds.put("process", Set.of("count"));
        kinds.put("file", Set.of("contains", "sha256"));
        kinds.put("config", Set.of("key", "equals"));
        kinds.put("env", Set.of("variable", "equals"));
        kinds.put("command", Set.of("timeout"));
        kinds.put("unwatched", Set.of("ignore"));
        return kinds;
    }

    public List<DriftCheck> load(Path file) {
        ConfigNode top = ConfigNode.read(file, "a list of 'checks'");
        top.rejectUnknownKeys(TOP_KEYS);
        if (!top.has("checks")) {
            throw top.error("checks", "is missing; write a list of checks (job, plist, port, process, file, config, env, command, "
                    + "unwatched)");
        }
        Path base = file.toAbsolutePath().getParent();
        List<DriftCheck> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String why = "a drift file holds at most " + MAX_CHECKS + " checks";
        for (ConfigNode node : top.list("checks", MAX_CHECKS, why)) {
            DriftCheck check = check(node, base);
            if (!names.add(check.name())) {
                throw node.error("name", "'" + check.name() + "' appears twice; each check needs its own name");
            }
            checks.add(check);
        }
        return List.copyOf(checks);
    }

    private DriftCheck check(ConfigNode node, Path base) {
        List<String> present = KINDS.keySet().stream().filter(node::has).toList();
        if (present.size() != 1) {
            throw node.error((present.isEmpty() ? "has no kind" : "has " + String.join(" and ", present))
                    + "; each check has exactly one of: " + String.join(", ", KINDS.keySet()));
        }
        String kind = present.get(0);
        Set<String> allowed = new HashSet<>(KINDS.get(kind));
        allowed.add(kind);
        allowed.add("name");
        node.rejectUnknownKeys(allowed);
        String subject = subject(node, kind);
        String name = node.string("name").orElse(kind + " " + subject);
        return switch (kind) {
            case "job" -> new DriftCheck.JobLoaded(name, subject);
            case "plist" -> new DriftCheck.PlistMatches(name, subject);
            case "port" -> new DriftCheck.PortOwned(name, Integer.parseInt(subject), node.string("owner"));
            case "process" -> new DriftCheck.ProcessCount(name, subject,
                    node.integer("count", 0, 100_000).map(OptionalInt::of).orElse(OptionalInt.empty()));
            case "file" -> new DriftCheck.FileState(name, path(subject, base), node.string("contains"), sha256(node));
            case "config" -> new DriftCheck.ConfigValue(name, configFile(node, subject, base), required(node, "key"),
                    equals(node));
            case "env" -> new DriftCheck.EnvValue(name, subject, required(node, "variable"), equals(node));
            case "unwatched" -> new DriftCheck.JobsWatched(name,
                    subject.equals(CONFIGURED) ? Optional.empty() : Optional.of(path(subject, base)), ignore(node));
            default -> new DriftCheck.CommandExits(name, node.strings("command").orElseThrow(),
                    node.duration("timeout").orElse(DEFAULT_COMMAND_TIMEOUT));
        };
    }

    private static String subject(ConfigNode node, String kind) {
        if (kind.equals("port")) {
            return String.valueOf(node.integer("port", 1, 65_535).orElseThrow());
        }
        if (kind.equals("command")) {
            return String.join(" ", node.strings("command").orElseThrow());
        }
        return node.string(kind).orElseThrow();
    }

    private static String required(ConfigNode node, String key) {
        return node.string(key).orElseThrow(() -> node.error(key, "is missing; " + article(kindOf(node)) + " check needs it"));
    }

    private static String kindOf(ConfigNode node) {
        return KINDS.keySet().stream().filter(node::has).findFirst().orElse("");
    }

    private static String article(String kind) {
        return (kind.startsWith("e") ? "an " : "a ") + kind;
    }

    /** The expected value: any scalar, compared as text (so {@code equals: 8080} matches 8080 and "8080"). */
    private static String equals(ConfigNode node) {
        JsonNode v = node.raw("equals").orElseThrow(() -> node.error("equals", "is missing; write the value expected"));
        if (!v.isValueNode()) {
            throw node.error("equals", "a " + (v.isArray() ? "list" : "mapping") + " must be a string, number or true/false");
        }
        return v.asText();
    }

    /** Labels or prefixes ending in {@code *} (only there): jobs an unwatched check lets be. */
    private static List<String> ignore(ConfigNode node) {
        List<String> ignore = node.has("ignore") ? node.strings("ignore").orElseThrow() : List.of();
        for (int i = 0; i < ignore.size(); i++) {
            String entry = ignore.get(i);
            if (entry.equals("*")) {
                throw node.error("ignore[" + i + "]", "'*' would ignore every job; remove the check instead");
            }
            if (entry.indexOf('*') >= 0 && entry.indexOf('*') != entry.length() - 1 || entry.chars().anyMatch(Character::isWhitespace)) {
                throw node.error("ignore[" + i + "]", "'" + entry + "' must be a label, or a label's beginning "
                        + "followed by one * at the end (com.apple.*)");
            }
        }
        return ignore;
    }

    private static Optional<String> sha256(ConfigNode node) {
        Optional<String> digest = node.string("sha256");
        if (digest.isPresent() && !digest.get().matches(SHA256)) {
            throw node.error("sha256", "'" + digest.get() + "' must be 64 lower-case hex digits (sha256sum's output)");
        }
        return digest;
    }

    private Path configFile(ConfigNode node, String value, Path base) {
        if (ConfigKeys.format(Path.of(value)).isEmpty()) {
            throw node.error("config", "'" + value + "' must name a .plist, .json, .yaml or .yml file");
        }
        return path(value, base);
    }

    private Path path(String value, Path base) {
        if (value.equals("~") || value.startsWith("~/")) {
            return home.resolve(value.substring(Math.min(2, value.length()))).normalize();
        }
        return base.resolve(value).normalize();
    }
}
