package dev.launchguard.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <stateDir>/runtime.json}: how the CLI finds the running daemon. The daemon writes it
 * atomically once its API listens and removes it on close; a reader that finds no file, a file it
 * cannot parse, or one left by a process that no longer runs (a {@code kill -9}) falls back to the
 * default address.
 */
public final class RuntimeFile {

    public static final String NAME = "runtime.json";
    /** Overrides the default state folder for every command, like {@code --state-dir}. */
    public static final String STATE_DIR_ENV = "LAUNCHGUARD_STATE_DIR";
    /** The default listen address of launchguard.yaml ({@code listen: 127.0.0.1:9470}). */
    public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:9470");
    /** The default state folder under the home directory and the token's name in it, as launchguard.yaml has them. */
    static final String DEFAULT_STATE_DIR = ".launchguard";
    static final String DEFAULT_TOKEN_FILE = "token";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Where the CLI should look, and where that answer came from (for messages).
     *
     * @param source "runtime file <path>" or a note on why the default address is used
     */
    public record Endpoint(URI url, Path tokenFile, String source, Optional<Path> certificate) {

        public Endpoint(URI url, Path tokenFile, String source) {
            this(url, tokenFile, source, Optional.empty());
        }
    }

    private RuntimeFile() {
    }

    /** The state folder: {@code explicit}, else {@code $LAUNCHGUARD_STATE_DIR}, else {@code ~/.launchguard}. */
    public static Path stateDir(Optional<Path> explicit, Map<String, String> env, Path home) {
        return explicit.or(() -> Optional.ofNullable(env.get(STATE_DIR_ENV)).filter(s -> !s.isBlank()).map(Path::of))
                .orElseGet(() -> home.resolve(DEFAULT_STATE_DIR));
    }

    /** Finds the running daemon from its runtime file, or the default address when there is none. */
    public static Endpoint find(Path stateDir) {
        Path file = stateDir.resolve(NAME);
        Path defaultToken = stateDir.resolve(DEFAULT_TOKEN_FILE);
        Optional<RuntimeInfo> info;
        try {
            info = read(file);
        } catch (IOException | RuntimeException e) {
            return new Endpoint(DEFAULT_URL, defaultToken, "the default address (" + file + " is unreadable: " + e.getMessage() + ")");
        }
        if (info.isEmpty()) {
            return new Endpoint(DEFAULT_URL, defaultToken, "the default address (no " + file + ")");
        }
        long pid = info.get().pid();
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return new Endpoint(DEFAULT_URL, defaultToken,
                    "the default address (" + file + " was left by pid " + pid + ", which no longer runs)");
        }
        return new Endpoint(info.get().url(), info.get().tokenFile(), "runtime file " + file, info.get().certificate());
    }

    public static Optional<RuntimeInfo> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        JsonNode json = MAPPER.readTree(text);
        JsonNode certificate = json.path("certificate");
        return Optional.of(new RuntimeInfo(json.required("pid").asLong(), URI.create(json.required("url").asText()),
                Path.of(json.required("tokenFile").asText()), Instant.parse(json.required("startedAt").asText()),
                certificate.isTextual() ? Optional.of(Path.of(certificate.asText())) : Optional.empty()));
    }

    /** Writes the file atomically (a temporary file renamed over it), creating the state folder 0700. */
    static void write(Path stateDir, RuntimeInfo info) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("pid", info.pid())
                .put("url", info.url().toString())
                .put("tokenFile", info.tokenFile().toAbsolutePath().toString())
                .put("startedAt", info.startedAt().toString());
        info.certificate().ifPresent(c -> json.put("certificate", c.toAbsolutePath().toString()));
        try {
            if (!Files.isDirectory(stateDir)) {
                Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = Files.createTempFile(stateDir, ".runtime", ".tmp");
            try {
                Files.write(temporary, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
                moveAtomically(temporary, stateDir.resolve(NAME));
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("runtime file '" + stateDir.resolve(NAME) + "' could not be written: " + e, e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the file if it still describes {@code mine}: a newer instance's file is left alone. */
    static void remove(Path stateDir, RuntimeInfo mine) {
        Path file = stateDir.resolve(NAME);
        try {
            Optional<RuntimeInfo> info = read(file);
            if (info.isPresent() && info.get().pid() == mine.pid() && info.get().url().equals(mine.url())) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("runtime file '" + file + "' could not be removed: " + e,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
