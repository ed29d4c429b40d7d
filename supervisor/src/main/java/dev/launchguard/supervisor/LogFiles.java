package dev.launchguard.supervisor;

import dev.launchguard.fleet.LogChunk;
import dev.launchguard.fleet.LogRequest;
import dev.launchguard.fleet.LogUnavailable;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.Plists;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads a piece of a job's stdout or stderr file, the one its plist names; blocking file I/O, run on
 * the watchers' worker pool, never on an event loop. The text is decoded as UTF-8 with bad bytes
 * replaced: a log is shown, not parsed.
 */
final class LogFiles {

    private LogFiles() {
    }

    static LogChunk read(String label, Path plist, LogRequest request) {
        Path file = file(label, plist, request.stream());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start;
            if (request.offset().isEmpty()) {
                start = Math.max(0, size - request.limit());
            } else {
                // Shorter than where the reader was: truncated or replaced, so read it again from the top.
                start = request.offset().getAsLong() > size ? 0 : request.offset().getAsLong();
            }
            int length = (int) Math.min(request.limit(), size - start);
            ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining() && channel.read(bytes, start + bytes.position()) > 0) {
                // read until the piece is whole or the file ends
            }
            int skip = request.offset().isEmpty() && start > 0 ? afterNewline(bytes.array(), bytes.position()) : 0;
            String text = new String(bytes.array(), skip, bytes.position() - skip, StandardCharsets.UTF_8);
            return new LogChunk(file, start + skip, start + bytes.position(), size, text, identity(file));
        } catch (NoSuchFileException e) {
            throw new LogUnavailable("job '" + label + "' has no " + request.stream().name().toLowerCase()
                    + " file yet: " + file + " (" + request.stream().plistKey() + ") does not exist");
        } catch (IOException e) {
            throw new LogUnavailable("job '" + label + "': " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The file the plist names for {@code stream}, relative paths taken from the job's working folder. */
    static Path file(String label, Path plist, LogRequest.Stream stream) {
        LaunchdJob job;
        try {
            job = Plists.read(plist);
        } catch (PlistException e) {
            throw new LogUnavailable("job '" + label + "': its plist cannot be read: " + e.getMessage(), e);
        }
        Optional<Path> named = stream == LogRequest.Stream.STDOUT ? job.standardOutPath() : job.standardErrorPath();
        Path file = named.orElseThrow(() -> new LogUnavailable("job '" + label + "' has no " + stream.plistKey()
                + " in its plist " + plist + ", so its " + stream.name().toLowerCase() + " is not kept in a file"));
        return job.workingDirectory().orElse(Path.of("/")).resolve(file);
    }

    /** The file system's key of the file (device and inode on Unix), empty when it keeps none. */
    private static String identity(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return key == null ? "" : key.toString();
    }

    /** Where the first whole line starts: just after the first newline, or 0 when there is none. */
    private static int afterNewline(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}
