package dev.launchguard.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One moment, read from both clocks at once: {@code nanos} from the monotonic source, to measure
 * from, and {@code wall}, to show. Durations between moments come from the nanos only.
 *
 * @param wall the wall-clock time, a label
 * @param nanos the monotonic reading ({@link System#nanoTime()} in production)
 */
public record Moment(Instant wall, long nanos) {

    public Moment {
        Objects.requireNonNull(wall, "wall");
    }

    public static Moment now(Clock clock, LongSupplier nanos) {
        return new Moment(clock.instant(), nanos.getAsLong());
    }

    /**
     * The moment of the monotonic reading {@code thenNanos}, taken earlier, labelled with the wall
     * time it had by the wall clock as it reads now.
     */
    public static Moment at(long thenNanos, Clock clock, LongSupplier nanos) {
        long now = nanos.getAsLong();
        return new Moment(clock.instant().minusNanos(now - thenNanos), thenNanos);
    }

    /** The time from this moment to {@code later}; zero when {@code later} is not later. */
    public Duration until(Moment later) {
        return later.nanos > nanos ? Duration.ofNanos(later.nanos - nanos) : Duration.ZERO;
    }

    /** True when this moment is after {@code other} on the monotonic scale. */
    public boolean isAfter(Moment other) {
        return nanos - other.nanos > 0;
    }
}
