package dev.launchguard.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Time that moves only when a test advances it: a clock, a nano clock and a scheduler in one, so
 * a watcher's ticks, back-offs and probe intervals run in order without a thread or a sleep. Tasks
 * handed to {@link #execute} run at once, on the caller's thread: as the watchers' worker pool, it
 * makes every watcher task run inside {@link #advance}.
 */
final class ManualTime extends AbstractExecutorService implements ScheduledExecutorService {

    private static final Instant EPOCH = Instant.parse("2026-12-01T00:00:00Z");

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long nowNanos;
    /** How far the wall clock has been stepped away from the monotonic time. */
    private Duration wallOffset = Duration.ZERO;
    private long sequence;

    /** The wall clock, at the same time as {@link #nanos()}. */
    Clock clock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return EPOCH.plusNanos(nowNanos).plus(wallOffset);
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
    }

    /**
     * Steps the wall clock by {@code step} (an NTP correction, a manual date change, a VM resumed),
     * leaving the monotonic time and every scheduled task where they are.
     */
    void stepWallClock(Duration step) {
        wallOffset = wallOffset.plus(step);
    }

    LongSupplier nanos() {
        return () -> nowNanos;
    }

    /** Runs every task due within {@code duration}, in time order, each at its own moment. */
    void advance(Duration duration) {
        long until = nowNanos + duration.toNanos();
        while (!tasks.isEmpty() && tasks.peek().dueNanos <= until) {
            Task next = tasks.poll();
            if (next.cancelled) {
                continue;
            }
            nowNanos = Math.max(nowNanos, next.dueNanos);
            next.run();
        }
        nowNanos = until;
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(delay), 0);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, unit.toNanos(initialDelay), unit.toNanos(delay));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, unit.toNanos(initialDelay), unit.toNanos(period));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the watchers schedule Runnables only");
    }

    private Task add(Runnable command, long delayNanos, long periodNanos) {
        Task task = new Task(command, nowNanos + Math.max(0, delayNanos), periodNanos, sequence++);
        tasks.add(task);
        return task;
    }

    @Override
    public void shutdown() {
        tasks.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        tasks.clear();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    /** One scheduled task; periodic ones put themselves back after each run. */
    private final class Task implements ScheduledFuture<Object>, Runnable {

        private final Runnable command;
        private final long periodNanos;
        private final long order;
        private long dueNanos;
        private boolean cancelled;
        private boolean done;

        Task(Runnable command, long dueNanos, long periodNanos, long order) {
            this.command = command;
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
            this.order = order;
        }

        @Override
        public void run() {
            command.run();
            if (periodNanos > 0 && !cancelled) {
                dueNanos = nowNanos + periodNanos;
                tasks.add(this);
            } else {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task that = (Task) other;
            return dueNanos != that.dueNanos ? Long.compare(dueNanos, that.dueNanos) : Long.compare(order, that.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean was = !cancelled && !done;
            cancelled = true;
            return was;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
