package dev.launchguard.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A process's facts from Linux's {@code /proc}: state, CPU time, RSS, command line (redacted), each
 * thread's state and wait channel ({@code /proc/PID/task/TID/{stat,comm,wchan}}), its open files
 * ({@code /proc/PID/fd} links) and its children. Each read is a few microseconds; a file that
 * vanished (the process exited meanwhile) leaves its field out.
 */
final class ProcFacts {

    /** USER_HZ: the unit of utime and stime in /proc/PID/stat, 100 on every Linux port (proc(5)). */
    private static final double TICKS_PER_SECOND = 100.0;
    /** More threads or files than this are counted, not listed. */
    static final int MAX_LISTED = 500;

    private final Path proc;

    ProcFacts(Path proc) {
        this.proc = proc;
    }

    static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/task"));
    }

    /** The process's own facts into {@code process}; false when it is gone. */
    boolean process(long pid, ObjectNode process) {
        Optional<String[]> stat = stat(proc.resolve(Long.toString(pid)).resolve("stat"));
        if (stat.isEmpty()) {
            return false;
        }
        String[] f = stat.get();
        process.put("state", f[0]);
        process.put("cpuSeconds", (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
        read(proc.resolve(pid + "/status")).flatMap(ProcFacts::rssBytes).ifPresent(r -> process.put("rssBytes", r));
        process.put("threadCount", Long.parseLong(f[17]));
        read(proc.resolve(pid + "/cmdline")).ifPresent(c -> process.put("command",
                Redactor.redact(c.replace('\0', ' ').strip())));
        openFiles(pid, process);
        ArrayNode children = process.putArray("children");
        for (long child : children(pid)) {
            ObjectNode c = children.addObject();
            c.put("pid", child);
            read(proc.resolve(child + "/comm")).ifPresent(n -> c.put("name", n.strip()));
            stat(proc.resolve(child + "/stat")).ifPresent(s -> c.put("state", s[0]));
            read(proc.resolve(child + "/wchan")).ifPresent(w -> c.put("wchan", w.strip()));
        }
        return true;
    }

    /** Each thread's id, name, state and wait channel. */
    ArrayNode threads(long pid) {
        ArrayNode threads = JsonNodeFactory.instance.arrayNode();
        for (Path task : list(proc.resolve(pid + "/task"))) {
            if (threads.size() >= MAX_LISTED) {
                break;
            }
            Optional<String[]> stat = stat(task.resolve("stat"));
            if (stat.isEmpty()) {
                continue;
            }
            ObjectNode t = threads.addObject();
            t.put("tid", Long.parseLong(task.getFileName().toString()));
            read(task.resolve("comm")).ifPresent(n -> t.put("name", n.strip()));
            t.put("state", stat.get()[0]);
            t.put("wchan", read(task.resolve("wchan")).map(String::strip).filter(w -> !w.isEmpty() && !w.equals("0"))
                    .orElse("-"));
        }
        return threads;
    }

    private void openFiles(long pid, ObjectNode process) {
        List<Path> fds = list(proc.resolve(pid + "/fd"));
        process.put("openFileCount", fds.size());
        ArrayNode files = process.putArray("openFiles");
        for (Path fd : fds.subList(0, Math.min(fds.size(), MAX_LISTED))) {
            try {
                files.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
            } catch (IOException e) {
                // Closed meanwhile.
            }
        }
    }

    private List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        for (Path task : list(proc.resolve(pid + "/task"))) {
            read(task.resolve("children")).ifPresent(c -> {
                for (String s : c.strip().split("\\s+")) {
                    if (!s.isEmpty()) {
                        children.add(Long.parseLong(s));
                    }
                }
            });
        }
        return children;
    }

    /** VmRSS from /proc/PID/status, in bytes (the stat file counts pages, whose size varies). */
    private static Optional<Long> rssBytes(String status) {
        return status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024);
    }

    /** The fields of a stat file after the command name: [0] is the state letter (proc(5) field 3). */
    private static Optional<String[]> stat(Path file) {
        return read(file).map(s -> s.substring(s.lastIndexOf(')') + 2).strip().split(" "));
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted((a, b) -> Long.compare(number(a), number(b))).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static long number(Path p) {
        String name = p.getFileName().toString();
        return name.matches("\\d{1,18}") ? Long.parseLong(name) : Long.MAX_VALUE;
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
