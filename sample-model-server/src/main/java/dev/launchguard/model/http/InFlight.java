package dev.launchguard.model.http;

import java.time.Duration;

/**
 * Counts requests between being read and their response being written, so shutdown can wait for
 * them. Once draining, no new request is admitted.
 */
public final class InFlight {

    private int count; // guarded by this
    private boolean draining; // guarded by this

    /** Admits a request; false once draining has begun. */
    synchronized boolean tryBegin() {
        if (draining) {
            return false;
        }
        count++;
        return true;
    }

    synchronized void end() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    synchronized boolean draining() {
        return draining;
    }

    synchronized int count() {
        return count;
    }

    /** Stops admitting and waits until every admitted request has been answered, or the bound passes. */
    public synchronized boolean drain(Duration bound) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + bound.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
