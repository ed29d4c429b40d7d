package dev.launchguard.plist;

import java.util.List;
import java.util.Set;

/** The launchd.plist(5) keys launchguard models, and the other keys launchd documents. */
final class PlistKeys {

    private PlistKeys() {
    }

    /** Keys read into {@link LaunchdJob} fields, in the order they are written back. */
    static final List<String> MODELLED_ORDER = List.of("Label", "Disabled", "UserName", "GroupName", "Program",
            "ProgramArguments", "EnvironmentVariables", "WorkingDirectory", "Umask", "Nice", "ProcessType",
            "LimitLoadToSessionType", "RunAtLoad", "KeepAlive", "StartInterval", "StartCalendarInterval",
            "ThrottleInterval", "ExitTimeOut", "AbandonProcessGroup", "StandardOutPath", "StandardErrorPath",
            "SoftResourceLimits", "HardResourceLimits");

    static final Set<String> MODELLED = Set.copyOf(MODELLED_ORDER);

    /** Fields of one StartCalendarInterval entry (launchd.plist(5)). */
    static final List<String> CALENDAR = List.of("Minute", "Hour", "Day", "Weekday", "Month");
}
