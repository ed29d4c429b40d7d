package dev.launchguard.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <stateDir>/launchguard.running}: written once a launchguard has started, removed as the
 * last step of a clean stop. One found at start means the previous instance ended without stopping
 * (SIGKILL, a crash, the machine lost power): runtime.json cannot say so, it is written only once the
 * API listens and removed first at a stop, and the state lock is released by the OS either way.
 * Holds {@code <pid> <startedAt>}, one line.
 */
final class RunMarker {

    static final String NAME = "launchguard.running";
    private static final Logger log = LoggerFactory.getLogger(RunMarker.class);

    /** What a previous instance left: its PID and start, when the file could be read. */
    record Left(long pid, Optional<Instant> startedAt) {

        /** One line for the alert: {@code launchguard pid 4242 (started 2026-...Z) did not stop cleanly}. */
        String describe() {
            return "launchguard" + (pid > 0 ? " pid " + pid : "") + startedAt.map(t -> " (started " + t + ")").orElse("")
                    + " did not stop cleanly";
        }
    }

    private final Path file;
    private final String line;

    private RunMarker(Path file, String line) {
        this.file = file;
        this.line = line;
    }

    /**
     * The marker a previous instance left in {@code stateDir}, if it did not stop cleanly. A marker
     * whose PID still runs a process that started before it was written is a live instance, not a
     * crash (two starts on one folder in one JVM, as tests do): not reported.
     */
    static Optional<Left> left(Path stateDir) {
        String text;
        try {
            text = Files.readString(stateDir.resolve(NAME), StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Left(0, Optional.empty()));
        }
        String[] parts = text.split(" ", 2);
        long pid = parts[0].matches("\\d{1,19}") ? Long.parseLong(parts[0]) : 0;
        Optional<Instant> startedAt;
        try {
            startedAt = parts.length == 2 ? Optional.of(Instant.parse(parts[1])) : Optional.empty();
        } catch (DateTimeParseException e) {
            startedAt = Optional.empty();
        }
        if (pid > 0 && startedAt.isPresent() && stillRuns(pid, startedAt.get())) {
            return Optional.empty();
        }
        return Optional.of(new Left(pid, startedAt));
    }

    private static boolean stillRuns(long pid, Instant markedAt) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant())
                .map(start -> !start.isAfter(markedAt))
                .orElse(false);
    }

    /** Writes the marker of this process (atomically, 0600); a marker that cannot be written is logged, not fatal. */
    static RunMarker write(Path stateDir, long pid, Instant startedAt) {
        Path file = stateDir.resolve(NAME);
        String line = pid + " " + startedAt + "\n";
        try {
            Files.createDirectories(stateDir);
            Path temporary = Files.createTempFile(stateDir, ".running", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, line, StandardCharsets.US_ASCII);
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            log.warn("Run marker not written, the next start cannot tell a crash from a clean stop: {} file={}",
                    e.getMessage(), file);
        }
        return new RunMarker(file, line);
    }

    /** A clean stop: removes the marker if it is still this instance's (a newer instance's is left alone). */
    void remove() {
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(line)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            log.warn("Run marker not removed, the next start will report an unclean stop: {} file={}", e.getMessage(),
                    file);
        }
    }
}
