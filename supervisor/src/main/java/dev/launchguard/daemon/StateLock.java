package dev.launchguard.daemon;

import dev.launchguard.api.RuntimeFile;
import dev.launchguard.api.RuntimeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One launchguard per state folder: an exclusive lock on {@code <stateDir>/launchguard.lock}, held
 * from before anything is written, adopted or bound until the process ends. A second launchguard
 * on the same folder would rewrite the first one's plists, adopt its jobs as its own runs, and then
 * fail to bind the API. The operating system releases the lock when the holder dies, even of
 * SIGKILL, so a stale lock never blocks a restart.
 *
 * <p>The lock file holds the holder's PID, so a refused start can name it before the holder has
 * written its runtime file. The file is never opened elsewhere in the holding process: on Linux,
 * closing any descriptor of a file drops the process's POSIX locks on it (measured: after a second
 * channel of the same JVM was closed, python's {@code lockf} took the lock). So a second
 * {@link #acquire} in a JVM that holds the lock is refused without reading or closing anything; its
 * channel stays open until the process ends.
 */
public final class StateLock implements AutoCloseable {

    public static final String NAME = "launchguard.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The refusal: another launchguard holds the state folder's lock. */
    public static final class InUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InUseException(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock of {@code stateDir}, creating the folder (0700) when missing.
     *
     * @throws InUseException when another launchguard holds it; the message names that one
     */
    public static StateLock acquire(Path stateDir) {
        Path file = stateDir.resolve(NAME);
        FileChannel channel = null;
        try {
            if (!Files.isDirectory(stateDir)) {
                Files.createDirectories(stateDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // This JVM holds it: closing this channel, or reading the file, would drop that lock.
                throw new InUseException(inUse(stateDir) + " pid " + ProcessHandle.current().pid() + " (this process)");
            }
            if (lock == null) {
                channel.close();
                throw new InUseException(holder(stateDir, file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new StateLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("state folder '" + stateDir + "' cannot be locked: " + e.getMessage(), e);
        }
    }

    /** What is known about the holder: its runtime file when that names the same PID, else the lock file's PID. */
    static String holder(Path stateDir, Path lockFile) {
        OptionalLong pid = lockedBy(lockFile);
        Optional<RuntimeInfo> info;
        try {
            info = RuntimeFile.read(stateDir.resolve(RuntimeFile.NAME));
        } catch (IOException | RuntimeException e) {
            info = Optional.empty();
        }
        String folder = inUse(stateDir);
        if (info.isPresent() && (pid.isEmpty() || pid.getAsLong() == info.get().pid())) {
            return folder + " pid " + info.get().pid() + " at " + info.get().url() + " (started " + info.get().startedAt()
                    + ")";
        }
        return folder + (pid.isPresent() ? " pid " + pid.getAsLong() : "") + " (starting: no address yet)";
    }

    private static String inUse(Path stateDir) {
        return "state folder '" + stateDir.toAbsolutePath().normalize() + "' is in use by launchguard";
    }

    private static OptionalLong lockedBy(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,19}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Releases the lock; the file stays (removing it would race with a launchguard about to lock it).
     * Closing twice does nothing more.
     */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held any more that a failed close could keep
        }
    }
}
