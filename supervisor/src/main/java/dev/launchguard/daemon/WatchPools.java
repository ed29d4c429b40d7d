package dev.launchguard.daemon;

import dev.launchguard.threads.NamedThreads;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The job watchers' threads: one timer that only hands timed tasks over, and one worker pool that
 * runs every watcher's tasks. The pool grows for blocking job-manager calls, so one job's slow kill
 * never holds up another; idle threads go after {@link #WORKER_IDLE}, so a quiet fleet holds few.
 */
final class WatchPools implements AutoCloseable {

    /**
     * An idle worker thread goes after this long: a burst (every job started at once) grows the pool,
     * and a quiet fleet shrinks it back to the few threads its probe rounds need.
     */
    private static final Duration WORKER_IDLE = Duration.ofSeconds(5);

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("watch-timer"));
    final ExecutorService workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, WORKER_IDLE.toSeconds(), TimeUnit.SECONDS,
            new SynchronousQueue<>(), NamedThreads.daemon("watch"));

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
    }
}
