package dev.launchguard.plist;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One StartCalendarInterval entry: launchd starts the job when every given field matches, and an
 * absent field is a wildcard, as in crontab(5).
 */
public record CalendarInterval(OptionalInt minute, OptionalInt hour, OptionalInt day, OptionalInt weekday,
        OptionalInt month) {

    public CalendarInterval {
        Objects.requireNonNull(minute, "minute");
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(weekday, "weekday");
        Objects.requireNonNull(month, "month");
    }
}
