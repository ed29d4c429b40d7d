package dev.launchguard.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic work of one job on the engine's event threads: StartInterval firings, PathState /
 * OtherJobEnabled polls and the liveness watch of an adopted run. A failing task logs and keeps its
 * schedule (a bare exception would silently cancel it).
 */
final class JobTimers {

    private static final Logger log = LoggerFactory.getLogger(JobTimers.class);

    /** How often PathState and OtherJobEnabled are re-read; launchd reacts to file events, we poll. */
    static final Duration CONDITION_POLL = Duration.ofSeconds(1);
    /**
     * How often an adopted run is checked for life. It is not the engine's child, so there is no exit
     * event; one /proc read per tick is cheap, and 250 ms bounds the extra respawn delay.
     */
    static final Duration ADOPTED_POLL = Duration.ofMillis(250);

    private final String label;
    private final ScheduledExecutorService events;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    JobTimers(String label, ScheduledExecutorService events) {
        this.label = label;
        this.events = events;
    }

    /** Runs {@code task} every {@code interval}, the first time one interval from now. */
    synchronized void every(Duration interval, Runnable task) {
        long nanos = interval.toNanos();
        scheduled.add(events.scheduleAtFixedRate(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS));
    }

    /** Polls {@code dead} and runs {@code then} once, the first time it is true. */
    synchronized void watch(BooleanSupplier dead, Runnable then) {
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        long nanos = ADOPTED_POLL.toNanos();
        ScheduledFuture<?> future = events.scheduleWithFixedDelay(guarded(() -> {
            if (dead.getAsBoolean()) {
                ScheduledFuture<?> me = self.get();
                if (me != null) {
                    me.cancel(false);
                }
                then.run();
            }
        }), nanos, nanos, TimeUnit.NANOSECONDS);
        self.set(future);
        scheduled.add(future);
    }

    synchronized void cancelAll() {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Timer task failed label={} error={}", label, e.toString());
            }
        };
    }
}
