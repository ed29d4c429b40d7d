package dev.launchguard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Processes a test starts beside a launchguard it runs (squatters, orphans, strangers), with their
 * output in the test's folder and no {@code LAUNCHGUARD_} variable inherited unless given. Kills
 * them all at close.
 */
public final class ForeignProcesses implements AutoCloseable {

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    public ForeignProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code command} with {@code env} added to a copy of this JVM's environment. */
    public Process start(Map<String, String> env, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("foreign-" + started.size() + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("LAUNCHGUARD_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
