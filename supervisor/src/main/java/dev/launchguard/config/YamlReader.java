package dev.launchguard.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a YAML file launchguard is given (launchguard.yaml, the drift and uptime files, a file a drift
 * check reads a key from) within the limits of {@link ConfigDefaults}: a file too big, a line or a
 * value too long, a nest too deep, too many keys and values, or a key given twice is refused with one
 * {@link ConfigException} naming the file, where in it, the value and the limit. Nothing else escapes:
 * a parser failure of any kind is a refusal too, never a stack trace.
 *
 * <p>Each limit is checked as early as it can be: the size before the file is read; every line's
 * length before SnakeYAML scans it (its scanner is quadratic in a line's length); depth and count
 * while parsing (Jackson's {@link StreamReadConstraints}, so a flood is never held whole); a value's
 * length, which SnakeYAML's parser does not bound, on the parsed tree. SnakeYAML's own duplicate,
 * alias and nesting options act only in its composer, which Jackson does not use (verified with
 * jackson-dataformat-yaml 2.22 and SnakeYAML 2.5), so they are not set here.
 */
public final class YamlReader {

    private static final int PREVIEW = 40;
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) '.*'", Pattern.DOTALL);
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(", from `[^`]*`");
    private static final YAMLFactory YAML = factory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);
    /** JSON, YAML's subset, within the same limits but no line length: Jackson's JSON scanner is linear. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(constraints()).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private YamlReader() {
    }

    private static YAMLFactory factory() {
        LoaderOptions loader = new LoaderOptions();
        // Checked by the scanner between tokens: a second guard behind the size check.
        loader.setCodePointLimit(ConfigDefaults.MAX_FILE_BYTES);
        return YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(ConfigDefaults.MAX_DEPTH)
                .maxTokenCount(ConfigDefaults.MAX_TOKENS)
                .maxDocumentLength(ConfigDefaults.MAX_FILE_BYTES)
                .maxNameLength(ConfigDefaults.MAX_VALUE_CHARS)
                .build();
    }

    /** The document in {@code file} as a tree (null when it is empty), or one refusal. */
    public static JsonNode read(Path file) {
        return parse(file.toString(), bytes(file));
    }

    /** The JSON document in {@code file} as a tree (null when it is empty), or one refusal. */
    public static JsonNode readJson(Path file) {
        return tree(file.toString(), bytes(file), JSON, "JSON");
    }

    /**
     * The bytes of {@code file}, refused when there are more than {@link ConfigDefaults#MAX_FILE_BYTES}:
     * its size is checked before it is read, and the read stops one byte past the limit (a file that
     * grows meanwhile, a device that reports no size).
     */
    public static byte[] bytes(Path file) {
        String name = file.toString();
        try {
            long size = Files.size(file);
            if (size > ConfigDefaults.MAX_FILE_BYTES) {
                throw tooBig(name, String.valueOf(size));
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(ConfigDefaults.MAX_FILE_BYTES + 1);
                if (bytes.length > ConfigDefaults.MAX_FILE_BYTES) {
                    throw tooBig(name, "more than " + ConfigDefaults.MAX_FILE_BYTES);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new ConfigException(name, "", "cannot be read: " + e.getMessage(), e);
        }
    }

    private static ConfigException tooBig(String name, String size) {
        return new ConfigException(name, "", "has " + size + " bytes; a file may have at most "
                + ConfigDefaults.MAX_FILE_BYTES + " (4 MiB)");
    }

    /** The YAML document in {@code bytes}, read from the file {@code name}, within the limits. */
    private static JsonNode parse(String name, byte[] bytes) {
        checkLines(name, bytes);
        return tree(name, bytes, MAPPER, "YAML");
    }

    private static JsonNode tree(String name, byte[] bytes, ObjectMapper mapper, String format) {
        JsonParser parser;
        try {
            parser = mapper.createParser(bytes);
        } catch (IOException e) {
            throw new ConfigException(name, "", "cannot be read: " + e.getMessage(), e);
        }
        JsonNode root;
        try (parser) {
            root = mapper.readTree(parser);
        } catch (StreamConstraintsException e) {
            throw beyondLimit(name, parser, e);
        } catch (JsonProcessingException e) {
            throw invalid(name, parser, e, format);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new ConfigException(name, "", "could not be parsed: " + e, e);
        }
        checkValues(name, "", root);
        return root;
    }

    /** Refuses the first line longer than {@link ConfigDefaults#MAX_LINE_BYTES}, before any scanning. */
    private static void checkLines(String name, byte[] bytes) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n' && bytes[i] != '\r') {
                continue;
            }
            if (i - start > ConfigDefaults.MAX_LINE_BYTES) {
                String text = new String(bytes, start, PREVIEW, StandardCharsets.UTF_8).strip();
                throw new ConfigException(name, "line " + line, "'" + text + "…' has " + (i - start)
                        + " bytes; a line may have at most " + ConfigDefaults.MAX_LINE_BYTES + " (64 KiB)");
            }
            if (i + 1 < bytes.length && bytes[i] == '\r' && bytes[i + 1] == '\n') {
                i++;
            }
            line++;
            start = i + 1;
        }
    }

    private static ConfigException beyondLimit(String name, JsonParser parser, StreamConstraintsException e) {
        JsonStreamContext at = parser.getParsingContext();
        if (parser.currentTokenCount() >= ConfigDefaults.MAX_TOKENS) {
            return new ConfigException(name, "", "has more than " + ConfigDefaults.MAX_TOKENS + " keys, values, lists "
                    + "and mappings; a file may have at most " + ConfigDefaults.MAX_TOKENS + " (a job written out in full "
                    + "has about 100)");
        }
        if (at.getNestingDepth() > ConfigDefaults.MAX_DEPTH) {
            // The list or mapping one level too deep is open already; name where it sits.
            return new ConfigException(name, path(at.getParent()), "nests lists and mappings more than " + ConfigDefaults.MAX_DEPTH
                    + " deep; a file may nest at most " + ConfigDefaults.MAX_DEPTH);
        }
        return new ConfigException(name, path(at), CONSTRAINT_SOURCE.matcher(e.getOriginalMessage()).replaceAll(""));
    }

    private static ConfigException invalid(String name, JsonParser parser, JsonProcessingException e, String format) {
        String message = String.valueOf(e.getOriginalMessage());
        if (DUPLICATE.matcher(message).matches()) {
            return new ConfigException(name, path(parser.getParsingContext()),
                    "is given twice in one mapping; each key may be given once (" + format + " would keep only the last)");
        }
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new ConfigException(name, "", "is not valid " + format + where + ": " + oneLine(message));
    }

    /** SnakeYAML's messages span lines with a source excerpt and a caret; keep only the sentences. */
    private static String oneLine(String message) {
        return message.lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("in '") && !l.equals("^"))
                .collect(Collectors.joining("; "));
    }

    /**
     * The key path of the parser's position, written as launchguard's messages write it
     * ({@code jobs[0].liveness}).
     */
    private static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                path.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
            } else if (c.getCurrentName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(c.getCurrentName());
            }
        }
        return path.toString();
    }

    /** Refuses a value longer than {@link ConfigDefaults#MAX_VALUE_CHARS}, such as a block scalar over many lines. */
    private static void checkValues(String name, String path, JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && node.textValue().length() > ConfigDefaults.MAX_VALUE_CHARS) {
            String text = node.textValue().substring(0, PREVIEW).strip();
            throw new ConfigException(name, path, "'" + text + "…' has " + node.textValue().length()
                    + " characters; a value may have at most " + ConfigDefaults.MAX_VALUE_CHARS + " (64 KiB)");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkValues(name, path + "[" + i + "]", node.get(i));
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            checkValues(name, path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue());
        }
    }
}
