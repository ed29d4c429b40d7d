package dev.launchguard.supervisor;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher's private, strictly serial executor, built over threads shared by every watcher.
 *
 * <p>Tasks of one watcher run one at a time and in order, so the watcher still owns its state
 * without locks; but no thread is held while a watcher is idle, so fifty jobs cost a handful of
 * threads instead of fifty. Blocking job-manager calls (a kill, a verified bootout) run on the
 * shared worker pool, which grows for them, so one job's slow recovery never delays another's
 * probes. Timing comes from one shared timer thread that only hands tasks over.
 */
final class SerialScheduler implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialScheduler.class);

    private final String name;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closed;
    private final CountDownLatch stopped = new CountDownLatch(1);

    SerialScheduler(String name, ScheduledExecutorService timer, ExecutorService workers) {
        this.name = name;
        this.timer = timer;
        this.workers = workers;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            if (closed) {
                throw new java.util.concurrent.RejectedExecutionException("watcher '" + name + "' is closed");
            }
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        workers.execute(this::drain);
    }

    /** Runs {@code task} on this scheduler after {@code delay}. */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer.schedule(() -> execute(task), delay, unit);
    }

    /** Runs {@code task} on this scheduler repeatedly, {@code delay} apart. */
    ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return timer.scheduleWithFixedDelay(() -> execute(task), initialDelay, delay, unit);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    if (closed) {
                        stopped.countDown();
                    }
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.error("Watcher task failed job={}: {}", name, e.toString(), e);
            }
        }
    }

    /**
     * Accepts no more tasks, lets the queued ones finish and waits for the running one, at most
     * {@code timeoutMillis}; returns false when it did not finish in time.
     */
    boolean close(long timeoutMillis) throws InterruptedException {
        synchronized (queue) {
            closed = true;
            if (!draining) {
                stopped.countDown();
            }
        }
        return stopped.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
