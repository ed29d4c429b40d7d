package dev.launchguard.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.fleet.SnapshotEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kept snapshots: {@code <state>/snapshots/<label>/<id>.json}, folders 0700 and files 0600,
 * each written to a temporary file and moved into place; per job at most {@code keep} files and
 * {@code maxJobBytes} bytes, the oldest removed first (an id sorts by time).
 */
public final class SnapshotStore {

    /** A snapshot id: its UTC time to the millisecond, the pid, and a counter for a clash. */
    static final Pattern ID = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z-\\d{1,19}(?:-\\d{1,3})?");
    /** A launchd Label as the API accepts it. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** id, label, pid, reason, evidence, at, budgetMs, elapsedMs, complete: written first by the snapshotter. */
    private static final int HEADER_FIELDS = 9;

    private final Path root;
    private final int keep;
    private final long maxJobBytes;

    public SnapshotStore(Path root, int keep, long maxJobBytes) {
        this.root = root;
        this.keep = keep;
        this.maxJobBytes = maxJobBytes;
    }

    /** True for a well-formed id: the only ids ever resolved to a file. */
    public static boolean validId(String id) {
        return ID.matcher(id).matches();
    }

    /** {@code base}, or {@code base-2}, {@code base-3}... when a snapshot of the same millisecond and pid is kept. */
    String freeId(String label, String base) {
        for (int n = 2; n < 1000; n++) {
            if (!Files.exists(folder(label).resolve((n == 2 ? base : base + "-" + (n - 1)) + SUFFIX))) {
                return n == 2 ? base : base + "-" + (n - 1);
            }
        }
        return base + "-999";
    }

    /** Writes {@code json} as snapshot {@code id} of {@code label}, then removes the oldest beyond the bounds. */
    void write(String label, String id, byte[] json) throws IOException {
        if (!validId(id)) {
            throw new IllegalArgumentException("snapshot id '" + id + "' is malformed");
        }
        Path folder = folder(label);
        Files.createDirectories(root.getParent());
        createPrivate(root);
        createPrivate(folder);
        Path tmp = Files.createTempFile(folder, ".snapshot-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, json);
            move(tmp, folder.resolve(id + SUFFIX));
        } finally {
            Files.deleteIfExists(tmp);
        }
        prune(folder);
    }

    /** The job's snapshots, newest first. */
    public List<SnapshotEntry> list(String label) {
        List<SnapshotEntry> entries = new ArrayList<>();
        List<Path> files = new ArrayList<>(files(label));
        java.util.Collections.reverse(files);
        for (Path file : files) {
            try {
                JsonNode s = header(file);
                entries.add(new SnapshotEntry(s.path("id").asText(), Instant.parse(s.path("at").asText()),
                        s.path("reason").asText(), s.path("pid").asLong(), Files.size(file),
                        s.path("complete").asBoolean()));
            } catch (IOException | RuntimeException e) {
                // Removed by a prune meanwhile, or not a snapshot: not listed.
            }
        }
        return entries;
    }

    /** The header fields of a snapshot (they come first), without reading its thread dump and tails. */
    private static JsonNode header(Path file) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode header = JSON.createObjectNode();
        try (JsonParser p = JSON.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME && header.size() < HEADER_FIELDS) {
                String name = p.getCurrentName();
                p.nextToken();
                if (p.currentToken().isStructStart()) {
                    p.skipChildren();
                } else {
                    header.put(name, p.getValueAsString());
                }
            }
        }
        return header;
    }

    /** The whole snapshot {@code id} of {@code label} as JSON text; empty for an unknown or malformed id. */
    public Optional<String> read(String label, String id) {
        if (!LABEL.matcher(label).matches() || !validId(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(folder(label).resolve(id + SUFFIX), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path folder(String label) {
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException("label '" + label + "' is not a launchd Label");
        }
        return root.resolve(label);
    }

    /** The job's snapshot files, oldest first. */
    private List<Path> files(String label) {
        if (!LABEL.matcher(label).matches()) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder(label))) {
            return s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)
                    && validId(p.getFileName().toString().replace(SUFFIX, ""))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void prune(Path folder) throws IOException {
        List<Path> files = new ArrayList<>(files(folder.getFileName().toString()));
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        // The newest is always kept: it is the one just written.
        while (files.size() > 1 && (files.size() > keep || total > maxJobBytes)) {
            Path oldest = files.remove(0);
            total -= Files.size(oldest);
            Files.deleteIfExists(oldest);
        }
    }

    private static void createPrivate(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // Made by an earlier snapshot.
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
