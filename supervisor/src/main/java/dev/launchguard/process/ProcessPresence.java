package dev.launchguard.process;

import dev.launchguard.health.ProcessEvidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Whether a PID runs, read so that a failed read is never taken for an ended process. On Linux it
 * reads {@code /proc/PID/stat}; the JDK's {@link ProcessHandle} is no help there, because it reads
 * the same file and answers "not alive" when the read fails for any reason (measured: with no
 * descriptor left, {@code ProcessHandle.of} is empty for a running child). Where there is no
 * {@code /proc} (macOS) the JDK asks sysctl(3), which needs no descriptor, and its answer stands.
 */
final class ProcessPresence {

    private static final ProcessEvidence.Presence RUNNING = new ProcessEvidence.Running();
    private static final ProcessEvidence.Gone GONE = new ProcessEvidence.Gone();

    private final Optional<Path> proc;

    /** Reads {@code proc}'s PID folders, or asks the JDK when empty. */
    ProcessPresence(Optional<Path> proc) {
        this.proc = proc;
    }

    /** This machine's: {@code /proc} where there is one. */
    static ProcessPresence system() {
        Path proc = Path.of("/proc");
        return new ProcessPresence(Files.isDirectory(proc) ? Optional.of(proc) : Optional.empty());
    }

    ProcessEvidence.Presence of(long pid) {
        if (proc.isEmpty()) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? RUNNING : GONE;
        }
        Path entry = proc.get().resolve(Long.toString(pid));
        String stat;
        try {
            stat = Files.readString(entry.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return GONE;
        } catch (IOException e) {
            return afterFailedRead(entry, e);
        }
        Optional<Zombies.Stat> parsed = Zombies.parse(stat);
        if (parsed.isEmpty()) {
            return new ProcessEvidence.Unknown(entry.resolve("stat") + " holds no stat line");
        }
        // A zombie has ended; only its parent's wait is missing (PID 1 in a container may never reap it).
        return parsed.get().state() == 'Z' ? GONE : RUNNING;
    }

    /**
     * The stat read failed for another reason than absence. With no descriptor left, opening the stat
     * of a PID that does not exist fails with EMFILE too, not ENOENT; so the folder itself is looked
     * up with stat(2), which needs no descriptor, and only its absence counts as proof.
     */
    private static ProcessEvidence.Presence afterFailedRead(Path entry, IOException failure) {
        try {
            Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return GONE;
        } catch (IOException e) {
            // Not known either way: the first failure is the one to report.
        }
        String why = failure instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : failure.getMessage();
        return new ProcessEvidence.Unknown(entry.resolve("stat") + ": " + why);
    }
}
