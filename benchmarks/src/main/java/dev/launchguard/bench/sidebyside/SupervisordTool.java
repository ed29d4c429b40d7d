package dev.launchguard.bench.sidebyside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * supervisord at its fastest sane setting: {@code autorestart=true}, {@code startsecs=0} (RUNNING at
 * once, so an exit is never a failed start and never enters its growing BACKOFF delay), SIGKILL to
 * stop. It has no health checks, so it only takes part in the kill -9 comparison. Run as
 * {@code supervisord -n} (no daemon) with its own configuration, log and pid file in the run's
 * folder; a SIGTERM stops it and its child.
 */
final class SupervisordTool extends ForegroundTool {

    private final Path supervisord;

    SupervisordTool(Path supervisord, Path dir) {
        super("supervisord", false, dir);
        this.supervisord = supervisord;
    }

    @Override
    public void start(Target target) throws IOException {
        Path conf = dir.resolve("supervisord.conf");
        Files.writeString(conf, String.join("\n",
                "[supervisord]",
                "nodaemon=true",
                "user=root",
                "logfile=" + dir.resolve("supervisord.log"),
                "pidfile=" + dir.resolve("supervisord.pid"),
                "childlogdir=" + dir,
                "[program:target]",
                "command=" + String.join(" ", target.command()),
                "autostart=true",
                "autorestart=true",
                "startsecs=0",
                "startretries=1000",
                "stopsignal=KILL",
                "stopwaitsecs=2",
                "redirect_stderr=true",
                "stdout_logfile=" + dir.resolve("supervisord-target.log"),
                ""));
        launch(List.of(supervisord.toString(), "-n", "-c", conf.toString()), Map.of(), Duration.ofSeconds(10));
    }
}
