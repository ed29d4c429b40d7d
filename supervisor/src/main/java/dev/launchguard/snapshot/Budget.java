package dev.launchguard.snapshot;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The one deadline of a snapshot, computed when gathering starts and inherited by every step. */
final class Budget {

    private final LongSupplier nanos;
    private final long start;
    private final Duration total;

    Budget(Duration total, LongSupplier nanos) {
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.total = total;
    }

    Duration total() {
        return total;
    }

    Duration spent() {
        return Duration.ofNanos(nanos.getAsLong() - start);
    }

    Duration remaining() {
        Duration left = total.minus(spent());
        return left.isNegative() ? Duration.ZERO : left;
    }

    boolean over() {
        return remaining().isZero();
    }
}
