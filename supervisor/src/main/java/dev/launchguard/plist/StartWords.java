package dev.launchguard.plist;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The words for when launchd starts a job and what makes it restart, as launchd.plist(5) defines
 * RunAtLoad, StartInterval, StartCalendarInterval and each KeepAlive condition.
 */
final class StartWords {

    private StartWords() {
    }

    static List<String> starts(LaunchdJob job) {
        List<String> starts = new ArrayList<>();
        KeepAlive keepAlive = job.keepAlive();
        if (job.runAtLoad()) {
            starts.add("when it is loaded (RunAtLoad)");
        } else if (keepAlive.always()) {
            starts.add("when it is loaded, because KeepAlive true keeps it running");
        } else if (keepAlive.successfulExit().isPresent()) {
            starts.add("when it is loaded, because KeepAlive SuccessfulExit implies RunAtLoad");
        }
        job.startInterval().ifPresent(interval -> starts.add("every " + interval.toSeconds() + " s (StartInterval)"));
        for (CalendarInterval c : job.startCalendarInterval()) {
            starts.add("at " + calendar(c) + " (StartCalendarInterval)");
        }
        if (job.startInterval().isPresent() || !job.startCalendarInterval().isEmpty()) {
            starts.add("a start due while the Mac sleeps runs on wake, and several missed starts run once");
        }
        if (starts.isEmpty()) {
            starts.add("only on demand, when something asks for it (launchctl kickstart, or an event of its "
                    + "WatchPaths, Sockets or MachServices)");
        }
        return starts;
    }

    static List<String> restarts(KeepAlive keepAlive) {
        List<String> restarts = new ArrayList<>();
        if (keepAlive.always()) {
            restarts.add("whenever it exits, for any reason (KeepAlive true)");
        }
        keepAlive.successfulExit().ifPresent(zero -> restarts.add(zero
                ? "after it exits with status 0 (KeepAlive SuccessfulExit true)"
                : "after it exits with a non-zero status or dies from a signal (KeepAlive SuccessfulExit false)"));
        keepAlive.crashed().ifPresent(crashed -> restarts.add(crashed
                ? "after it dies from a crash signal such as SIGSEGV or SIGILL (KeepAlive Crashed true)"
                : "after it exits without crashing (KeepAlive Crashed false)"));
        keepAlive.pathState().forEach((path, exists) -> restarts.add("while " + path
                + (exists ? " exists" : " does not exist") + " (KeepAlive PathState)"));
        keepAlive.otherJobEnabled().forEach((label, enabled) -> restarts.add("while job " + label
                + (enabled ? " is loaded" : " is not loaded") + " (KeepAlive OtherJobEnabled)"));
        keepAlive.otherConditions().keySet().forEach(key -> restarts.add("KeepAlive " + key
                + " is not acted on by current launchd"));
        if (!keepAlive.enabled()) {
            restarts.add(0, "never: launchd does not start it again when it exits (no KeepAlive)");
        }
        return restarts;
    }

    /** "03:15 every day", "minute 30 of every hour on Sunday": the fields given, the rest wildcards. */
    private static String calendar(CalendarInterval c) {
        String time;
        if (c.hour().isPresent() && c.minute().isPresent()) {
            time = String.format("%02d:%02d", c.hour().getAsInt(), c.minute().getAsInt());
        } else if (c.hour().isPresent()) {
            time = "every minute of hour " + c.hour().getAsInt();
        } else if (c.minute().isPresent()) {
            time = "minute " + c.minute().getAsInt() + " of every hour";
        } else {
            time = "every minute";
        }
        String days = field(c.day(), " on day ", " of the month") + field(c.month(), " in month ", "")
                + weekday(c.weekday());
        return time + (days.isEmpty() ? " every day" : days);
    }

    private static String field(OptionalInt value, String before, String after) {
        return value.isPresent() ? before + value.getAsInt() + after : "";
    }

    private static String weekday(OptionalInt weekday) {
        // 0 and 7 are both Sunday, as in crontab(5).
        List<String> names = List.of("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                "Sunday");
        if (weekday.isEmpty() || weekday.getAsInt() < 0 || weekday.getAsInt() > 7) {
            return "";
        }
        return " on " + names.get(weekday.getAsInt());
    }
}
