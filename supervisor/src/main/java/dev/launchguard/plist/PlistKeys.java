package dev.launchguard.plist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The launchd.plist(5) keys: those launchguard models, and the others launchd documents, each
 * with the type launchd expects, so the linter can tell a typo from a key launchguard merely does
 * not model.
 */
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

    /**
     * Keys launchd.plist(5) documents that launchguard does not model, with their type. Some are
     * deprecated (OnDemand, LimitLoadFromHosts, inetdCompatibility) but launchd still reads them.
     */
    static final Map<String, ValueType> DOCUMENTED_UNMODELLED = documentedUnmodelled();

    /**
     * launchguard's own keys, which launchd ignores as unknown: {@value LaunchdJob#PORTS_KEY}, the
     * ports a job serves (an array of integers 1..65535; docs/engine.md).
     */
    static final List<String> LAUNCHGUARD = List.of(LaunchdJob.PORTS_KEY);

    /** Keys of the KeepAlive dictionary; NetworkState and AfterInitialDemand are no longer acted on. */
    static final List<String> KEEP_ALIVE = List.of("SuccessfulExit", "Crashed", "PathState", "OtherJobEnabled",
            "NetworkState", "AfterInitialDemand");

    /** Fields of one StartCalendarInterval entry (launchd.plist(5)). */
    static final List<String> CALENDAR = List.of("Minute", "Hour", "Day", "Weekday", "Month");

    /** Keys of Soft/HardResourceLimits, each an rlimit of setrlimit(2). */
    static final List<String> RESOURCE_LIMITS = List.of("Core", "CPU", "Data", "FileSize", "MemoryLock",
            "NumberOfFiles", "NumberOfProcesses", "ResidentSetSize", "Stack");

    /** Values of ProcessType (launchd.plist(5)). */
    static final List<String> PROCESS_TYPES = List.of("Background", "Standard", "Adaptive", "Interactive");

    /** Values of LimitLoadToSessionType (launchd.plist(5), launchctl(1)). */
    static final List<String> SESSION_TYPES = List.of("Aqua", "StandardIO", "Background", "LoginWindow", "System");

    /** Every top-level key launchd documents, and launchguard's own. */
    static List<String> allDocumented() {
        List<String> all = new java.util.ArrayList<>(MODELLED_ORDER);
        all.addAll(DOCUMENTED_UNMODELLED.keySet());
        all.addAll(LAUNCHGUARD);
        return all;
    }

    private static Map<String, ValueType> documentedUnmodelled() {
        Map<String, ValueType> keys = new LinkedHashMap<>();
        for (String key : List.of("EnableGlobbing", "EnableTransactions", "EnablePressuredExit", "OnDemand",
                "ServiceIPC", "SessionCreate", "InitGroups", "StartOnMount", "Debug", "WaitForDebugger",
                "LowPriorityIO", "LowPriorityBackgroundIO", "MaterializeDatalessFiles", "LaunchOnlyOnce",
                "HopefullyExitsFirst", "HopefullyExitsLast")) {
            keys.put(key, ValueType.BOOLEAN);
        }
        for (String key : List.of("RootDirectory", "StandardInPath", "BundleProgram")) {
            keys.put(key, ValueType.STRING);
        }
        keys.put("TimeOut", ValueType.INTEGER);
        for (String key : List.of("WatchPaths", "QueueDirectories", "LimitLoadToHosts", "LimitLoadFromHosts",
                "AssociatedBundleIdentifiers")) {
            keys.put(key, ValueType.STRINGS);
        }
        for (String key : List.of("inetdCompatibility", "MachServices", "Sockets", "LaunchEvents",
                "LimitLoadToHardware", "LimitLoadFromHardware")) {
            keys.put(key, ValueType.DICTIONARY);
        }
        return java.util.Collections.unmodifiableMap(keys);
    }
}
