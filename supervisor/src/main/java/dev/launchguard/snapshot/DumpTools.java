package dev.launchguard.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which thread-dump tool a runtime offers, and how it is called: a JVM through {@code jcmd PID
 * Thread.print} (the JDK's own jcmd beside {@code java.home} when present, else the one on PATH),
 * Python through {@code py-spy dump --pid PID} where py-spy is on PATH, and on macOS any other
 * process through {@code sample PID 1} (which a hardened-runtime binary may refuse; it samples for a
 * whole second, so it finishes only within a budget of about 1.5 s). Each command is an argument
 * array; the pid is appended as the tool wants it. The macOS tools cannot be exercised off a Mac.
 *
 * @param jcmd the jcmd command (before the pid)
 * @param pySpy the py-spy command (before {@code dump --pid PID})
 * @param sample the sample command, empty off macOS
 */
public record DumpTools(List<String> jcmd, List<String> pySpy, List<String> sample) {

    public DumpTools {
        jcmd = List.copyOf(jcmd);
        pySpy = List.copyOf(pySpy);
        sample = List.copyOf(sample);
    }

    /** The tools of this machine. */
    public static DumpTools system() {
        Path own = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String jcmd = Files.isExecutable(own) ? own.toString() : "jcmd";
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        return new DumpTools(List.of(jcmd), List.of("py-spy"), mac ? List.of("/usr/bin/sample") : List.of());
    }

    /** The tool's name and its argument array for {@code pid}, whose executable is {@code command}. */
    Optional<Tool> forProcess(long pid, String command) {
        String name = Path.of(command).getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.equals("java") || name.startsWith("java")) {
            return Optional.of(new Tool("jcmd", with(jcmd, Long.toString(pid), "Thread.print")));
        }
        if (name.startsWith("python")) {
            return Optional.of(new Tool("py-spy", with(pySpy, "dump", "--pid", Long.toString(pid))));
        }
        if (!sample.isEmpty()) {
            // sample(1) writes its report to a file in /tmp unless told otherwise; stdout is what is kept.
            return Optional.of(new Tool("sample", with(sample, Long.toString(pid), "1", "-file", "/dev/stdout")));
        }
        return Optional.empty();
    }

    private static List<String> with(List<String> base, String... args) {
        List<String> argv = new ArrayList<>(base);
        argv.addAll(List.of(args));
        return argv;
    }

    /** A tool to run: its name for notes, and its argument array. */
    record Tool(String name, List<String> argv) {
    }
}
