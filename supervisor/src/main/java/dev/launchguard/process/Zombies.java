package dev.launchguard.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * This process's zombie children, and the one call that reaps a zombie: what launchguard needs to
 * do an init's job when it runs as PID 1. Linux only: the children are found in {@code /proc} and
 * reaped with {@code waitpid(2)} through JNA, one PID at a time (never {@code waitpid(-1)}, which
 * would take whichever child ended first, including the JDK's own).
 */
public final class Zombies {

    /** waitpid(2)'s WNOHANG: the same value on Linux and macOS. */
    private static final int WNOHANG = 1;
    private static final Path PROC = Path.of("/proc");

    private final long self;

    /** A zombie: its PID, and its start time in clock ticks since boot, which tells a recycled PID apart. */
    public record Zombie(long pid, long startTicks) {
    }

    public Zombies() {
        this(ProcessHandle.current().pid());
    }

    Zombies(long self) {
        this.self = self;
    }

    /**
     * The children of this process that have exited and wait to be reaped. One read of each
     * {@code /proc/PID/stat} (no environment, no command line), so a container's few dozen
     * processes cost about a millisecond.
     */
    public List<Zombie> children() {
        List<Zombie> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path entry : entries) {
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    continue; // ended and reaped between the listing and the read
                }
                parse(stat).filter(s -> s.parent() == self && s.state() == 'Z')
                        .ifPresent(s -> found.add(new Zombie(s.pid(), s.startTicks())));
            }
        } catch (IOException e) {
            throw new IllegalStateException("/proc cannot be listed: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * Reaps {@code pid} if it is an ended child of this process and returns its raw wait status;
     * empty when there was nothing to reap (still running, already reaped, not our child).
     */
    public OptionalInt reap(long pid) {
        int[] status = new int[1];
        int reaped = LibC.get().waitpid((int) pid, status, WNOHANG);
        return reaped == pid ? OptionalInt.of(status[0]) : OptionalInt.empty();
    }

    record Stat(long pid, char state, long parent, long startTicks) {
    }

    /**
     * Reads the fields of a {@code /proc/PID/stat} line that matter here. The command name in
     * parentheses may itself hold spaces and parentheses (proc(5)), so fields are counted from the
     * last ')': state is field 3, the parent field 4 and the start time field 22.
     */
    static Optional<Stat> parse(String stat) {
        int open = stat.indexOf(' ');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < 0 || close + 2 >= stat.length()) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 2).trim().split(" ");
        if (fields.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(Long.parseLong(stat.substring(0, open)), fields[0].charAt(0),
                    Long.parseLong(fields[1]), Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
