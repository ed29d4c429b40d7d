package dev.launchguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.launchguard.duration.DurationSyntax;
import dev.launchguard.duration.InvalidDurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML mapping that knows where it sits in the file, so every error names the key path. Reading a
 * key marks it as known; {@link #rejectUnknownKeys} then refuses anything else, with a did-you-mean.
 * Public so other YAML files launchguard reads (the watchers' drift and uptime files) fail the same way.
 */
public final class ConfigNode {

    private final String file;
    private final String path;
    private final JsonNode node;

    public ConfigNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /**
     * The root mapping of the YAML file {@code file}, or one message naming the file: it cannot be
     * read, is not YAML (with line and column), breaks a limit of {@link YamlReader}, or is not a
     * mapping ({@code expected} says what it needs).
     */
    public static ConfigNode read(Path file, String expected) {
        JsonNode root = YamlReader.read(file);
        if (root == null || !root.isObject()) {
            throw new ConfigException(file.toString(), "", "must be a mapping with " + expected);
        }
        return new ConfigNode(file.toString(), "", root);
    }

    /** The raw value at {@code key}, for readers that accept any scalar (a string, number or boolean). */
    public Optional<JsonNode> raw(String key) {
        return has(key) ? Optional.of(node.get(key)) : Optional.empty();
    }

    public String path() {
        return path;
    }

    public String file() {
        return file;
    }

    public ConfigException error(String key, String problem) {
        return new ConfigException(file, join(key), problem);
    }

    public ConfigException error(String problem) {
        return new ConfigException(file, path, problem);
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public boolean isText(String key) {
        return has(key) && node.get(key).isTextual();
    }

    public Optional<String> string(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isTextual() && !v.isNumber()) {
            throw error(key, describe(v) + " must be a string");
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            throw error(key, "must not be empty");
        }
        return Optional.of(s);
    }

    public Optional<Integer> integer(String key, int min, int max) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw error(key, describe(v) + " must be a whole number from " + min + " to " + max);
        }
        return Optional.of(v.asInt());
    }

    public Optional<Boolean> bool(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw error(key, describe(v) + " must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    /**
     * A duration in {@link DurationSyntax}'s grammar, the command line's too (250ms, 1.5s, 2m, 1h, plain
     * seconds, PT15S): longer than zero, at most {@link DurationSyntax#MAX}.
     */
    public Optional<Duration> duration(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isTextual() && !v.isNumber()) {
            throw error(key, describe(v) + " is not a duration; " + DurationSyntax.ALLOWED);
        }
        try {
            return Optional.of(DurationSyntax.positive(v.asText()));
        } catch (InvalidDurationException e) {
            throw error(key, e.getMessage());
        }
    }

    public Optional<ConfigNode> child(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isObject()) {
            throw error(key, describe(v) + " must be a mapping of keys to values");
        }
        return Optional.of(new ConfigNode(file, join(key), v));
    }

    public List<ConfigNode> list(String key) {
        return list(key, Integer.MAX_VALUE, "");
    }

    /** The list at {@code key}, refused when it has more than {@code max} entries; {@code why} says why not. */
    public List<ConfigNode> list(String key, int max, String why) {
        if (!has(key)) {
            return List.of();
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw error(key, describe(v) + " must be a list");
        }
        if (v.size() > max) {
            throw error(key, v.size() + " entries are more than the " + max + " allowed: " + why);
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String itemPath = join(key) + "[" + i + "]";
            if (!v.get(i).isObject()) {
                throw new ConfigException(file, itemPath, describe(v.get(i)) + " must be a mapping of keys to values");
            }
            out.add(new ConfigNode(file, itemPath, v.get(i)));
        }
        return out;
    }

    /** A non-empty list of non-empty strings, such as a command's argument array. */
    public Optional<List<String>> strings(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        List<String> out = new ArrayList<>();
        v.forEach(item -> out.add(item.isValueNode() && !item.isNull() ? item.asText().trim() : ""));
        if (!v.isArray() || out.isEmpty() || out.contains("")) {
            throw error(key, describe(v) + " must be a non-empty list of strings");
        }
        return Optional.of(List.copyOf(out));
    }

    /** An http:// or https:// URL with a host; {@code missing} says what to write when the key is absent. */
    public java.net.URI httpUrl(String key, String missing) {
        return httpUrlAt(key, string(key).orElseThrow(() -> error(key, "is missing; " + missing)));
    }

    /** {@code text}, found at {@code key} (a list item's {@code urls[1]}), as an http:// or https:// URL with a host. */
    public java.net.URI httpUrlAt(String key, String text) {
        java.net.URI url;
        try {
            url = new java.net.URI(text);
        } catch (java.net.URISyntaxException e) {
            throw error(key, "'" + text + "' is not a URL: " + e.getReason());
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw error(key, "'" + text + "' must be an http:// or https:// URL with a host");
        }
        return url;
    }

    /** Refuses keys outside {@code allowed}, suggesting the nearest allowed key. */
    public void rejectUnknownKeys(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String hint = dev.launchguard.spelling.Spelling.nearest(name, allowed).map(s -> "; did you mean '" + s + "'?").orElse("");
                throw error(name, "unknown key; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + hint);
            }
        }
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.toString();
    }
}
