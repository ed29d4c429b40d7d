package dev.launchguard.engine;

import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Runs the embedded engine on its own over a folder of plists: {@code EngineMain <plist-folder>
 * <state-folder> [--reap-strays]}. It loads every {@code *.plist}, prints one {@code job <label>
 * pid=<pid>} line per job and then {@code ready}, and runs until SIGTERM (which boots every job
 * out). Used by the crash-safety tests, which kill it with SIGKILL and start it again; the
 * supervisor's CLI comes later.
 */
public final class EngineMain {

    private EngineMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: EngineMain <plist-folder> <state-folder> [--reap-strays]");
            System.exit(2);
        }
        boolean reap = List.of(args).contains("--reap-strays");
        EmbeddedJobManager engine = new EmbeddedJobManager(Path.of(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            stopped.countDown();
        }, "engine-shutdown"));
        List<Path> plists;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            plists = files.filter(p -> p.toString().endsWith(".plist")).sorted().toList();
        }
        for (Path plist : plists) {
            try {
                JobStatus status = engine.bootstrap(plist);
                if (reap) {
                    engine.reapStrays(status.label());
                }
                System.out.println("job " + status.label() + " pid=" + status.pid().orElse(0) + " runs=" + status.runs());
            } catch (JobManagerException e) {
                System.out.println("skipped " + e.getMessage());
            }
        }
        System.out.println("ready");
        System.out.flush();
        stopped.await();
    }
}
