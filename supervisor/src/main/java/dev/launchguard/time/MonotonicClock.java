package dev.launchguard.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A {@link Clock} that never steps: it starts at the wall time it was made and then advances with
 * the monotonic source only. For libraries that measure windows with a {@code Clock} (the storm
 * guard's circuit breaker): its instants are for comparing with each other, never for showing.
 */
public final class MonotonicClock extends Clock {

    private final Instant origin;
    private final long originNanos;
    private final LongSupplier nanos;

    private MonotonicClock(Instant origin, long originNanos, LongSupplier nanos) {
        this.origin = origin;
        this.originNanos = originNanos;
        this.nanos = nanos;
    }

    /** A clock that reads {@code wall} now and advances with {@code nanos} from here on. */
    public static MonotonicClock of(Clock wall, LongSupplier nanos) {
        return new MonotonicClock(wall.instant(), nanos.getAsLong(), nanos);
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanos.getAsLong() - originNanos);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
