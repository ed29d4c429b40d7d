package dev.launchguard.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every {@link Tool} here shares: one {@link ToolProcess} in the foreground, its log and
 * configuration in the run's folder, stopped by {@link #close()}.
 */
abstract class ForegroundTool implements Tool {

    private final String name;
    private final boolean detectsWedges;
    final Path dir;
    private ToolProcess process;

    ForegroundTool(String name, boolean detectsWedges, Path dir) {
        this.name = name;
        this.detectsWedges = detectsWedges;
        this.dir = dir;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean detectsWedges() {
        return detectsWedges;
    }

    /** Starts the tool's process, output to {@code NAME.out} in the run's folder. */
    final ToolProcess launch(List<String> command, Map<String, String> env, Duration stopGrace) throws IOException {
        process = ToolProcess.start(name, command, env, dir.resolve(name + ".out"), stopGrace);
        return process;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            stopped();
        }
    }

    /** Called once the process is stopped: for cleanup of the tool's own files. */
    void stopped() {
    }
}
