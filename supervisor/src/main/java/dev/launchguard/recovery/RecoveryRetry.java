package dev.launchguard.recovery;

import java.time.Duration;
import java.util.Objects;

/**
 * A recovery whose kickstart failed, and when to try it again. The job manager threw (launchctl
 * could not run, a kill did not take, no file descriptor left): the job stays RECOVERING, its ready
 * gate probed on its schedule, and the kickstart is tried again after a back-off that doubles from
 * {@link #FIRST_DELAY} to {@link #MAX_DELAY}. Replaced whole by the watcher at each attempt.
 *
 * <p>A retry is the same restart, not a new one: the storm guard counted it once, when the
 * recovery was decided, and the back-off bounds the retries instead.
 *
 * @param reason the recovery's reason, for the log
 * @param kill whether the retry kills the running instance first, as the failed attempt would have
 * @param failures failed attempts so far, at least 1
 * @param nextAtNanos when the next attempt is due, on the monotonic clock
 * @param lastError what the job manager said the last time
 */
public record RecoveryRetry(RestartReason reason, boolean kill, int failures, long nextAtNanos, String lastError) {

    /**
     * The first retry waits this long: enough for a passing fault (a descriptor freed, launchd
     * busy) to clear, short next to the two-minute ready budget of a recovery.
     */
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /**
     * The back-off stops doubling here: a fault that outlasts it is retried twice a minute, which
     * never hammers a host that is short of something, and a fix is picked up within half a minute.
     */
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    public RecoveryRetry {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(lastError, "lastError");
        if (failures < 1) {
            throw new IllegalArgumentException("recovery retry '" + reason.tag() + "' needs at least one failure, had "
                    + failures);
        }
    }

    /** The first failure of a recovery, at {@code nowNanos}. */
    static RecoveryRetry first(RestartReason reason, boolean kill, long nowNanos, String error) {
        return new RecoveryRetry(reason, kill, 1, nowNanos + delayAfter(1).toNanos(), error);
    }

    /** The next failure of the same recovery, at {@code nowNanos}. */
    RecoveryRetry failedAgain(long nowNanos, String error) {
        return new RecoveryRetry(reason, kill, failures + 1, nowNanos + delayAfter(failures + 1).toNanos(), error);
    }

    /** The wait before the next attempt. */
    public Duration delay() {
        return delayAfter(failures);
    }

    public boolean due(long nowNanos) {
        return nowNanos - nextAtNanos >= 0;
    }

    /** 1 s, 2 s, 4 s, ... up to the cap; the shift is bounded, so no count of failures overflows it. */
    static Duration delayAfter(int failures) {
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 16));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
