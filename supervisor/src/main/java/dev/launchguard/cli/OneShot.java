package dev.launchguard.cli;

import java.io.PrintWriter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Option;

/** The {@code --once} option the watch commands share, and the worker threads of one run. */
final class OneShot {

    @Option(names = "--once", description = "run once and exit (the only mode from the command line)")
    boolean once;

    /** False, after saying why, when {@code --once} was not given: the interval mode is not built yet. */
    boolean given(String command, PrintWriter err) {
        if (!once) {
            err.println("launchguard watch " + command + ": give --once; the " + command + " watcher on an interval "
                    + "inside 'launchguard run' is not built yet");
        }
        return once;
    }

    /** Daemon threads named {@code <name>-N}: a run that is cut short never keeps the JVM alive. */
    static ExecutorService pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
