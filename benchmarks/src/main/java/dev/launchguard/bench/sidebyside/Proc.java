package dev.launchguard.bench.sidebyside;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about a process, read the same way for every tool: CPU time
 * ({@code stat} utime + stime), resident memory ({@code status} VmRSS), whether it still runs (a
 * zombie does not), and which process listens on a loopback port ({@code net/tcp} inode → the
 * process holding that socket).
 */
final class Proc {

    /** USER_HZ: the unit of utime and stime; 100 on every mainstream Linux build (getconf CLK_TCK). */
    private static final long TICKS_PER_SECOND = 100;
    private static final String TCP_LISTEN = "0A";

    private Proc() {
    }

    /** User + system CPU time used so far; zero once the process is gone. */
    static Duration cpu(long pid) {
        String[] f = statFields(pid);
        if (f.length == 0) {
            return Duration.ZERO;
        }
        // Fields after "pid (comm)": state is index 0, utime index 11, stime index 12 (proc(5) fields 14, 15).
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    /** VmRSS in KiB; 0 when the process is gone. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
                }
            }
            return 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("process '" + pid + "' status unreadable", e);
        }
    }

    /** True while the process exists and is not a zombie. */
    static boolean running(long pid) {
        String[] f = statFields(pid);
        return f.length > 0 && !f[0].equals("Z") && !f[0].equals("X");
    }

    /** The process's arguments joined by spaces, empty when it is gone. */
    static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** The process listening on 127.0.0.1:{@code port} (TCP), if any. */
    static OptionalLong listener(int port) {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        String inode = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/tcp"))) {
                String[] c = line.trim().split("\\s+");
                if (c.length > 9 && c[1].equals(local) && c[3].equals(TCP_LISTEN)) {
                    inode = c[9];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("/proc/net/tcp unreadable", e);
        }
        return inode == null ? OptionalLong.empty() : holder("socket:[" + inode + "]");
    }

    private static OptionalLong holder(String socket) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                if (holds(p.resolve("fd"), socket)) {
                    return OptionalLong.of(Long.parseLong(p.getFileName().toString()));
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("/proc unreadable", e);
        }
    }

    private static boolean holds(Path fds, String socket) {
        try (Stream<Path> links = Files.list(fds)) {
            return links.anyMatch(l -> {
                try {
                    return Files.readSymbolicLink(l).toString().equals(socket);
                } catch (IOException e) {
                    return false; // closed while we looked
                }
            });
        } catch (IOException e) {
            return false; // the process ended, or is not ours to read
        }
    }

    /** The fields of /proc/PID/stat after "(comm)", or none when the process is gone. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException e) {
            return new String[0];
        }
    }
}
