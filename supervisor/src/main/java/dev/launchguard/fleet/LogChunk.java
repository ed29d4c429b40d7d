package dev.launchguard.fleet;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A piece of a job's stdout or stderr file, as its plist's {@code StandardOutPath} or
 * {@code StandardErrorPath} names it.
 *
 * @param offset where {@code text} starts in the file; 0 when the file was shorter than the offset
 *     asked for (truncated or replaced), so a follower starts again from the top
 * @param next the offset to ask from for what comes after {@code text}
 * @param size the file's size when it was read
 * @param file which file it was (device and inode where the file system says), so a follower sees
 *     the file replaced even by a longer one; empty when the file system has no such key
 */
public record LogChunk(Path path, long offset, long next, long size, String text, String file) {

    public LogChunk {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
        if (offset < 0 || next < offset) {
            throw new IllegalArgumentException("log chunk of " + path + " from " + offset + " to " + next);
        }
    }
}
