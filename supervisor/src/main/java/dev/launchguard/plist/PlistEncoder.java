package dev.launchguard.plist;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Turns a {@link LaunchdJob} back into a plist dictionary: modelled keys first, then the rest as read. */
final class PlistEncoder {

    private PlistEncoder() {
    }

    static NSDictionary encode(LaunchdJob job) {
        NSDictionary d = new NSDictionary();
        d.put("Label", new NSString(job.label()));
        if (job.disabled()) {
            d.put("Disabled", new NSNumber(true));
        }
        job.userName().ifPresent(v -> d.put("UserName", new NSString(v)));
        job.groupName().ifPresent(v -> d.put("GroupName", new NSString(v)));
        job.program().ifPresent(v -> d.put("Program", new NSString(v)));
        if (!job.programArguments().isEmpty()) {
            d.put("ProgramArguments", strings(job.programArguments()));
        }
        if (!job.environmentVariables().isEmpty()) {
            NSDictionary env = new NSDictionary();
            job.environmentVariables().forEach((k, v) -> env.put(k, new NSString(v)));
            d.put("EnvironmentVariables", env);
        }
        job.workingDirectory().ifPresent(v -> d.put("WorkingDirectory", new NSString(v.toString())));
        putInt(d, "Umask", job.umask());
        putInt(d, "Nice", job.nice());
        job.processType().ifPresent(v -> d.put("ProcessType", new NSString(v)));
        if (job.limitLoadToSessionType().size() == 1) {
            d.put("LimitLoadToSessionType", new NSString(job.limitLoadToSessionType().get(0)));
        } else if (!job.limitLoadToSessionType().isEmpty()) {
            d.put("LimitLoadToSessionType", strings(job.limitLoadToSessionType()));
        }
        if (job.runAtLoad()) {
            d.put("RunAtLoad", new NSNumber(true));
        }
        keepAlive(d, job.keepAlive());
        job.startInterval().ifPresent(v -> d.put("StartInterval", new NSNumber(v.toSeconds())));
        calendar(d, job.startCalendarInterval());
        job.throttleInterval().ifPresent(v -> d.put("ThrottleInterval", new NSNumber(v.toSeconds())));
        job.exitTimeOut().ifPresent(v -> d.put("ExitTimeOut", new NSNumber(v.toSeconds())));
        if (job.abandonProcessGroup()) {
            d.put("AbandonProcessGroup", new NSNumber(true));
        }
        job.standardOutPath().ifPresent(v -> d.put("StandardOutPath", new NSString(v.toString())));
        job.standardErrorPath().ifPresent(v -> d.put("StandardErrorPath", new NSString(v.toString())));
        limits(d, "SoftResourceLimits", job.softResourceLimits());
        limits(d, "HardResourceLimits", job.hardResourceLimits());
        job.extraKeys().forEach((k, v) -> d.put(k, PlistValues.fromJava(v)));
        return d;
    }

    private static void keepAlive(NSDictionary d, KeepAlive keepAlive) {
        if (keepAlive.always()) {
            d.put("KeepAlive", new NSNumber(true));
            return;
        }
        if (!keepAlive.conditional()) {
            return;
        }
        NSDictionary k = new NSDictionary();
        keepAlive.successfulExit().ifPresent(v -> k.put("SuccessfulExit", new NSNumber(v)));
        keepAlive.crashed().ifPresent(v -> k.put("Crashed", new NSNumber(v)));
        if (!keepAlive.pathState().isEmpty()) {
            k.put("PathState", bools(keepAlive.pathState()));
        }
        if (!keepAlive.otherJobEnabled().isEmpty()) {
            k.put("OtherJobEnabled", bools(keepAlive.otherJobEnabled()));
        }
        keepAlive.otherConditions().forEach((key, v) -> k.put(key, PlistValues.fromJava(v)));
        d.put("KeepAlive", k);
    }

    private static void calendar(NSDictionary d, List<CalendarInterval> entries) {
        if (entries.isEmpty()) {
            return;
        }
        NSObject[] out = new NSObject[entries.size()];
        for (int i = 0; i < out.length; i++) {
            CalendarInterval c = entries.get(i);
            NSDictionary e = new NSDictionary();
            putInt(e, "Minute", c.minute());
            putInt(e, "Hour", c.hour());
            putInt(e, "Day", c.day());
            putInt(e, "Weekday", c.weekday());
            putInt(e, "Month", c.month());
            out[i] = e;
        }
        // A single entry is written as a dictionary, the form launchd's documentation shows.
        d.put("StartCalendarInterval", out.length == 1 ? out[0] : new NSArray(out));
    }

    private static void limits(NSDictionary d, String key, Map<String, Long> limits) {
        if (limits.isEmpty()) {
            return;
        }
        NSDictionary l = new NSDictionary();
        limits.forEach((k, v) -> l.put(k, new NSNumber(v)));
        d.put(key, l);
    }

    private static void putInt(NSDictionary d, String key, OptionalInt value) {
        value.ifPresent(v -> d.put(key, new NSNumber(v)));
    }

    private static NSArray strings(List<String> values) {
        NSObject[] out = new NSObject[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new NSString(values.get(i));
        }
        return new NSArray(out);
    }

    private static NSDictionary bools(Map<String, Boolean> values) {
        NSDictionary out = new NSDictionary();
        values.forEach((k, v) -> out.put(k, new NSNumber(v)));
        return out;
    }
}
