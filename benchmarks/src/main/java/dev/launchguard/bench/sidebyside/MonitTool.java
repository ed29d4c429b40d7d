package dev.launchguard.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * monit at its tightest sane setting: a 1 s cycle, an HTTP check of {@code GET /} with a 1 s
 * timeout that restarts on the first failure, and start/stop programs around the target's pid file.
 *
 * <p>The start program's timeout is {@value #START_TIMEOUT_SECONDS} s (default 30): monit 5.33 does
 * not test the port of a process younger than that ("connection test paused while the process is
 * starting"), so with the default no wedge is even looked for in the first 30 s after any start; 2 s
 * is 20× the instant target's start, and shorter than the slow target's 4 s. The stop program is
 * {@code kill -9}: a SIGTERM stays pending on a stopped process, and monit would wait out its stop
 * timeout before starting a new one. Run as {@code monit -I} (no daemon) under {@code reaper.py},
 * which reaps the backgrounded target as a real init would, with its own control, state, id and
 * pid files in the run's folder.
 */
final class MonitTool extends ForegroundTool {

    static final int START_TIMEOUT_SECONDS = 2;
    private static final Duration PID_BOUND = Duration.ofSeconds(10);

    private final Path monit;
    private final String python;
    private long monitPid;

    MonitTool(Path monit, Path dir, String python) {
        super("monit", true, dir);
        this.monit = monit;
        this.python = python;
    }

    @Override
    public void start(Target target) throws IOException {
        Path rc = dir.resolve("monitrc");
        String start = String.join(" ", target.command()) + " >>" + dir.resolve("monit-target.log") + " 2>&1 &";
        Files.writeString(rc, String.join("\n",
                "set daemon 1",
                "set logfile " + dir.resolve("monit.log"),
                "set pidfile " + dir.resolve("monit.pid"),
                "set idfile " + dir.resolve("monit.id"),
                "set statefile " + dir.resolve("monit.state"),
                "check process target with pidfile " + target.pidFile,
                "  start program = \"/bin/sh -c '" + start + "'\" with timeout " + START_TIMEOUT_SECONDS + " seconds",
                "  stop program = \"/bin/sh -c 'kill -9 $(cat " + target.pidFile + ")'\"",
                "  if failed host 127.0.0.1 port " + target.port + " protocol http request \"/\" with timeout 1 seconds"
                        + " then restart",
                ""));
        // monit refuses a control file that others can read.
        Files.setPosixFilePermissions(rc, PosixFilePermissions.fromString("rw-------"));
        ToolProcess reaper = launch(List.of(python, Scripts.extract("reaper.py", dir).toString(), monit.toString(), "-I",
                "-c", rc.toString()), Map.of(), Duration.ofSeconds(10));
        monitPid = monitUnder(reaper);
    }

    /** monit's own process, the reaper's child: the one whose CPU and memory are reported. */
    @Override
    public long pid() {
        return monitPid;
    }

    private long monitUnder(ToolProcess reaper) {
        long deadline = System.nanoTime() + PID_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            var child = ProcessHandle.of(reaper.pid()).stream().flatMap(ProcessHandle::children)
                    .filter(h -> h.info().command().orElse("").equals(monit.toString())).findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            reaper.requireAlive();
            HealthPoller.pause(HealthPoller.INTERVAL);
        }
        throw new IllegalStateException("monit did not start under reaper " + reaper.pid() + " within " + PID_BOUND);
    }
}
