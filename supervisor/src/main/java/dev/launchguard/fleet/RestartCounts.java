package dev.launchguard.fleet;

/**
 * How often a job was restarted lately, counted from its watcher's record of restart times, which
 * keeps the last day's (at most {@code KEPT} of them: past that the day's count is a lower bound, and
 * the storm guard quarantines a job long before).
 */
public record RestartCounts(int lastHour, int lastDay) {

    /** No restart yet. */
    public static final RestartCounts NONE = new RestartCounts(0, 0);

    public RestartCounts {
        if (lastHour < 0 || lastDay < lastHour) {
            throw new IllegalArgumentException("restart counts " + lastHour + "/" + lastDay
                    + " must be 0 <= lastHour <= lastDay");
        }
    }
}
