package dev.launchguard.supervisor;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watcher's one chain of ticks: at most one tick is pending at any time, and scheduling a new one
 * replaces it. Cutting the chain (disable, enable, a nudge) starts a new epoch: a tick scheduled or a
 * probe answered under an older epoch is dropped, so no second chain survives. Owned by the
 * watcher's thread, like the rest of its state.
 */
final class TickChain {

    /** The watcher's logger: a job's whole story reads under one name, whichever phase tells it. */
    private static final Logger log = LoggerFactory.getLogger(JobWatcher.class);
    /** How often a stopped or quarantined job is looked at again, and how soon after a failed step. */
    static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final String label;
    private final SerialScheduler exec;
    private final Runnable tick;
    private ScheduledFuture<?> next;
    private long seq;
    private boolean pending;
    private long epoch;
    private boolean closed;

    TickChain(String label, SerialScheduler exec, Runnable tick) {
        this.label = label;
        this.exec = exec;
        this.tick = tick;
    }

    /**
     * Schedules the next tick, replacing one already pending. A transition that wants to act at once
     * (a crash, a verdict) calls this with zero.
     */
    void later(Duration delay) {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        long scheduledIn = epoch;
        long mine = ++seq;
        pending = true;
        next = exec.schedule(() -> {
            // Only the latest scheduled tick runs: a replaced one may already have been handed over.
            if (mine != seq) {
                return;
            }
            pending = false;
            if (scheduledIn == epoch) {
                tick.run();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The end of a probe round: schedule the next tick unless the round's outcome already did. */
    void laterUnlessPending(Duration delay) {
        // Not the future's isDone(): the timer marks it done only after handing the tick over, and a
        // refused probe can call back before that.
        if (!pending) {
            later(delay);
        }
    }

    /** The watcher's executor: probe answers hop back onto it. */
    SerialScheduler executor() {
        return exec;
    }

    /**
     * A step that cannot end the chain silently: a failure is logged and the watcher looks again
     * after the idle poll, instead of dying inside a future nobody reads.
     */
    <T> Consumer<T> guarded(Consumer<T> step) {
        return value -> {
            try {
                step.accept(value);
            } catch (RuntimeException e) {
                failed(e);
            }
        };
    }

    /** A step failed: logged with its trace, and the next tick comes after the idle poll. */
    void failed(RuntimeException e) {
        log.error("Watcher step failed, looking again in {} ms job={}: {}", IDLE_POLL.toMillis(), label, e.toString(), e);
        later(IDLE_POLL);
    }

    /** The current epoch, to compare a probe's answer against when it arrives. */
    long epoch() {
        return epoch;
    }

    /** True when nothing cut the chain since {@code epoch} was read. */
    boolean current(long epoch) {
        return this.epoch == epoch;
    }

    /** Cuts the chain: every tick and probe answer of the epoch so far is dropped. */
    void cut() {
        epoch++;
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}
