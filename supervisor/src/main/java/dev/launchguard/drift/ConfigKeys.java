package dev.launchguard.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.config.ConfigException;
import dev.launchguard.config.YamlReader;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one value out of a plist, JSON or YAML file by a dotted key path ({@code a.b.0.c}; a number
 * indexes a list), as text, so a drift check compares {@code 8080}, {@code "8080"} and
 * {@code <integer>8080</integer>} alike. Every file is held to launchguard's own limits
 * ({@link YamlReader}): a YAML or JSON file is read by it, a plist no bigger than it allows.
 */
final class ConfigKeys {

    enum Format { PLIST, JSON, YAML }

    /** Turns a parsed tree into maps, lists and scalars, the shape a plist is read into. */
    private static final ObjectMapper VALUES = new ObjectMapper();

    private ConfigKeys() {
    }

    static Optional<Format> format(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".plist")) {
            return Optional.of(Format.PLIST);
        }
        if (name.endsWith(".json")) {
            return Optional.of(Format.JSON);
        }
        return name.endsWith(".yaml") || name.endsWith(".yml") ? Optional.of(Format.YAML) : Optional.empty();
    }

    /** The value at {@code key}; throws {@link IllegalStateException} saying what is wrong with the file or the path. */
    static String read(Path file, String key) throws IOException {
        Object root;
        try {
            root = switch (format(file).orElseThrow()) {
                case PLIST -> {
                    YamlReader.bytes(file); // the size limit; the plist reader reads the file itself
                    yield Plists.readValues(file);
                }
                case JSON -> VALUES.convertValue(YamlReader.readJson(file), Object.class);
                case YAML -> VALUES.convertValue(YamlReader.read(file), Object.class);
            };
        } catch (ConfigException e) {
            throw new IllegalStateException(e.detail(), e);
        }
        Object at = root;
        StringBuilder walked = new StringBuilder();
        for (String part : key.split("\\.", -1)) {
            at = step(at, part, walked.length() == 0 ? "the top level" : "'" + walked + "'");
            walked.append(walked.length() == 0 ? "" : ".").append(part);
        }
        if (at instanceof Map || at instanceof List) {
            throw new IllegalStateException("'" + key + "' is a " + (at instanceof Map ? "mapping" : "list") + ", not a value");
        }
        return String.valueOf(at);
    }

    private static Object step(Object at, String part, String where) {
        if (at instanceof Map<?, ?> map) {
            if (!map.containsKey(part)) {
                throw new IllegalStateException("no key '" + part + "' in " + where);
            }
            return map.get(part);
        }
        if (at instanceof List<?> list && part.matches("\\d{1,9}") && Integer.parseInt(part) < list.size()) {
            return list.get(Integer.parseInt(part));
        }
        throw new IllegalStateException(where + " has no '" + part + "'");
    }
}
