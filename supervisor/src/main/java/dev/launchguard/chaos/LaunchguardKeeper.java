package dev.launchguard.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays launchd's {@code KeepAlive} for launchguard itself during a chaos campaign off macOS: before
 * the campaign kills launchguard it records the command line, working folder and environment of
 * the running process (from {@code /proc}), and afterwards starts exactly that again, as an argument
 * array, never through a shell. On a Mac, launchd does this for {@code dev.launchguard.supervisor}
 * and the campaign only waits.
 */
final class LaunchguardKeeper {

    /** {@code setsid(1)} detaches the new launchguard from the campaign's terminal, so Ctrl-C on the campaign spares it. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** How to start launchguard again: what the killed process was started with. */
    record Recipe(List<String> arguments, Path workingDirectory, Map<String, String> environment) {
        Recipe {
            arguments = List.copyOf(arguments);
            environment = Map.copyOf(environment);
        }
    }

    private final Path log;

    /** {@code log}: where the restarted launchguard's output is appended. */
    LaunchguardKeeper(Path log) {
        this.log = log;
    }

    /** Reads how {@code pid} was started; fails where there is no {@code /proc} (macOS) or it is not readable. */
    static Recipe capture(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            throw new IOException("launchguard pid " + pid + " cannot be read: no " + proc
                    + " (restarting launchguard needs Linux's /proc; on a Mac launchd's KeepAlive restarts it)");
        }
        List<String> arguments = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
        if (arguments.isEmpty()) {
            throw new IOException("launchguard pid " + pid + " has no readable command line in " + proc);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                environment.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return new Recipe(arguments, Files.readSymbolicLink(proc.resolve("cwd")), environment);
    }

    /** Starts launchguard again as the recipe says; its output goes to the log. */
    long start(Recipe recipe) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(recipe.arguments());
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(recipe.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(recipe.environment());
        return builder.start().pid();
    }

    Path log() {
        return log;
    }

    private static List<String> nulSeparated(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > from) {
                    parts.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
                }
                from = i + 1;
            }
        }
        return parts;
    }
}
