package dev.launchguard.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One foreground process of a tool under test (launchguard, monit, supervisord, blackbox_exporter),
 * its output appended to a log file in the run's temporary folder, stopped with SIGTERM and, after
 * a bounded grace, SIGKILL — also from the harness's shutdown hook, so Ctrl-C leaves nothing running.
 */
final class ToolProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Duration grace;

    private ToolProcess(String name, Process process, Path log, Duration grace) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.grace = grace;
    }

    static ToolProcess start(String name, List<String> command, Map<String, String> env, Path log, Duration grace)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new ToolProcess(name, pb.start(), log, grace);
    }

    long pid() {
        return process.pid();
    }

    /** Fails, naming the log, if the process has already exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; see " + log);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println(name + " did not stop within " + grace + " of SIGTERM; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
