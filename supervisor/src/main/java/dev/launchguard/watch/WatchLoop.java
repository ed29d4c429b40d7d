package dev.launchguard.watch;

import dev.launchguard.config.ConfigException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher kind run on its interval: {@link #start} reads what it needs (its file) and schedules
 * it, {@link #close} stops it, and a reload is close-then-start. A file that does not load starts
 * nothing and stops nothing: the cycle already running keeps its checks, and the refusal is shown
 * in {@link #state()}.
 *
 * <p>Threads: cycles run on the shared cycle executor with a fixed delay, so one kind's cycles never
 * overlap; a cycle that throws is logged and the next one runs on time. The state is replaced whole
 * and read by any thread.
 */
final class WatchLoop<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchLoop.class);

    /**
     * The first cycle waits one interval, at most this long: a start is not slowed by a process scan
     * or a round of requests, and the jobs have a moment to come up before they are judged.
     */
    static final Duration FIRST_RUN_AT_MOST = Duration.ofSeconds(30);

    private final String kind;
    private final ScheduledExecutorService cycles;
    private final AtomicReference<WatchState<T>> state = new AtomicReference<>(WatchState.off());
    private ScheduledFuture<?> future;

    WatchLoop(String kind, ScheduledExecutorService cycles) {
        this.kind = kind;
        this.cycles = cycles;
    }

    /**
     * Builds the cycle with {@code build} (which reads the watcher's file and may throw a
     * {@link ConfigException}) and runs it every {@code interval}, replacing the running cycle.
     */
    synchronized void start(Duration interval, String source, Supplier<Supplier<T>> build) {
        Supplier<T> cycle;
        try {
            cycle = build.get();
        } catch (ConfigException e) {
            if (future != null) {
                log.error("Watcher file refused, the running checks continue: {} watcher={}", e.getMessage(), kind);
            } else {
                log.error("Watcher file refused, the watcher starts at the next reload: {} watcher={}", e.getMessage(), kind);
            }
            state.updateAndGet(s -> new WatchState<>(true, s.latest(), Optional.of(e.getMessage())));
            return;
        }
        close();
        state.updateAndGet(s -> new WatchState<>(true, s.latest(), Optional.empty()));
        Duration first = interval.compareTo(FIRST_RUN_AT_MOST) < 0 ? interval : FIRST_RUN_AT_MOST;
        future = cycles.scheduleWithFixedDelay(() -> runOnce(cycle), first.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Watcher started watcher={} source={} intervalMs={}", kind, source, interval.toMillis());
    }

    private void runOnce(Supplier<T> cycle) {
        try {
            T report = cycle.get();
            state.updateAndGet(s -> s.withLatest(report));
        } catch (RuntimeException e) {
            log.error("Watcher cycle failed, trying again at the next interval watcher={}: {}", kind, e.toString(), e);
        }
    }

    /** Stops the watcher and forgets its results: it is no longer configured. */
    synchronized void stop() {
        close();
        state.set(WatchState.off());
    }

    boolean running() {
        synchronized (this) {
            return future != null;
        }
    }

    WatchState<T> state() {
        return state.get();
    }

    /** Stops scheduling cycles; one already running finishes. */
    @Override
    public synchronized void close() {
        if (future != null) {
            future.cancel(false);
            future = null;
            log.info("Watcher stopped watcher={}", kind);
        }
    }
}
