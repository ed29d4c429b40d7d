package dev.launchguard.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last lines of a job's StandardOutPath and StandardErrorPath, read from its plist
 * ({@code <plists>/<label>.plist}), redacted, each at most {@code maxBytes} from a line start.
 */
final class LogTails {

    private final Path plists;
    private final int maxBytes;

    LogTails(Path plists, int maxBytes) {
        this.plists = plists;
        this.maxBytes = maxBytes;
    }

    void into(ObjectNode logs, String label, ArrayNode notes) {
        Path file = plists.resolve(label + ".plist");
        LaunchdJob job;
        try {
            job = Plists.read(file);
        } catch (RuntimeException e) {
            notes.add("no log tails: the plist " + file + " could not be read: " + e.getMessage());
            return;
        }
        tail(logs, "stdout", job.standardOutPath(), notes);
        if (!job.standardErrorPath().equals(job.standardOutPath())) {
            tail(logs, "stderr", job.standardErrorPath(), notes);
        }
    }

    private void tail(ObjectNode logs, String key, Optional<Path> path, ArrayNode notes) {
        if (path.isEmpty()) {
            return;
        }
        ObjectNode log = logs.putObject(key);
        log.put("path", path.get().toString());
        try {
            log.put("tail", Redactor.redact(tail(path.get(), maxBytes)));
        } catch (IOException e) {
            notes.add(key + " tail not read from " + path.get() + ": " + e);
        }
    }

    /** The last {@code max} bytes of {@code file}, from the first line start within them. */
    static String tail(Path file, int max) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            int n = (int) Math.min(size, max);
            byte[] bytes = new byte[n];
            in.seek(size - n);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (n < size) {
                int line = text.indexOf('\n');
                text = line >= 0 ? text.substring(line + 1) : text;
            }
            return text;
        }
    }
}
