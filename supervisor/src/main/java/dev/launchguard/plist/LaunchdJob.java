package dev.launchguard.plist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One launchd job as its plist describes it: the keys launchguard understands, plus every other
 * key kept verbatim so a read-write round trip loses nothing.
 *
 * <p>Values are what the plist says, not launchd's defaults: an absent ThrottleInterval is an empty
 * Optional, and {@link #effectiveThrottle()} applies launchd's 10-second default. Validation of what
 * launchd would reject is the linter's job ({@code PlistLinter}); this record only refuses what
 * cannot be represented (a null where a value is required).
 *
 * @param extraKeys keys launchguard does not model, in file order, as plain Java values: String,
 *     Long, Double, Boolean, java.time.Instant, {@link PlistData}, List and Map of those
 */
public record LaunchdJob(
        String label,
        Optional<String> program,
        List<String> programArguments,
        KeepAlive keepAlive,
        boolean runAtLoad,
        Optional<Duration> startInterval,
        List<CalendarInterval> startCalendarInterval,
        Optional<Duration> throttleInterval,
        Optional<Duration> exitTimeOut,
        Optional<Path> workingDirectory,
        Map<String, String> environmentVariables,
        Optional<Path> standardOutPath,
        Optional<Path> standardErrorPath,
        boolean disabled,
        boolean abandonProcessGroup,
        Optional<String> processType,
        List<String> limitLoadToSessionType,
        Optional<String> userName,
        Optional<String> groupName,
        OptionalInt nice,
        OptionalInt umask,
        Map<String, Long> softResourceLimits,
        Map<String, Long> hardResourceLimits,
        Map<String, Object> extraKeys) {

    /**
     * launchguard's own plist key: the ports the job serves, an array of integers 1..65535 that
     * launchd ignores (docs/engine.md). Read from {@link #extraKeys()}; lint checks its type.
     */
    public static final String PORTS_KEY = "LaunchguardPorts";
    /** launchd's default ThrottleInterval (launchd.plist(5)). */
    public static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(10);
    /** launchd's default ExitTimeOut (launchd.plist(5)). */
    public static final Duration DEFAULT_EXIT_TIMEOUT = Duration.ofSeconds(20);

    public LaunchdJob {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(program, "program");
        programArguments = List.copyOf(programArguments);
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(startInterval, "startInterval");
        startCalendarInterval = List.copyOf(startCalendarInterval);
        Objects.requireNonNull(throttleInterval, "throttleInterval");
        Objects.requireNonNull(exitTimeOut, "exitTimeOut");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environmentVariables = Collections2.orderedCopy(environmentVariables);
        Objects.requireNonNull(standardOutPath, "standardOutPath");
        Objects.requireNonNull(standardErrorPath, "standardErrorPath");
        Objects.requireNonNull(processType, "processType");
        limitLoadToSessionType = List.copyOf(limitLoadToSessionType);
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(nice, "nice");
        Objects.requireNonNull(umask, "umask");
        softResourceLimits = Collections2.orderedCopy(softResourceLimits);
        hardResourceLimits = Collections2.orderedCopy(hardResourceLimits);
        extraKeys = Collections2.orderedCopy(extraKeys);
    }

    /** A job that runs {@code arguments} and nothing else set; the start of a builder chain. */
    public static LaunchdJob of(String label, List<String> arguments) {
        return new LaunchdJob(label, Optional.empty(), arguments, KeepAlive.never(), false, Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty(), false, false, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalInt.empty(), Map.of(), Map.of(), Map.of());
    }

    /**
     * The argv launchd executes: ProgramArguments when present, else just Program. launchd runs
     * {@code Program} as the executable when both are given, with ProgramArguments as argv.
     */
    public List<String> argv() {
        if (!programArguments.isEmpty()) {
            return programArguments;
        }
        return program.map(List::of).orElse(List.of());
    }

    /** The executable launchd runs: Program if set, else ProgramArguments[0]. */
    public Optional<String> executable() {
        return program.or(() -> programArguments.stream().findFirst());
    }

    /** ThrottleInterval, or launchd's 10-second default. */
    public Duration effectiveThrottle() {
        return throttleInterval.orElse(DEFAULT_THROTTLE);
    }

    /** ExitTimeOut, or launchd's 20-second default. */
    public Duration effectiveExitTimeOut() {
        return exitTimeOut.orElse(DEFAULT_EXIT_TIMEOUT);
    }

    public LaunchdJob withKeepAlive(KeepAlive value) {
        return new LaunchdJob(label, program, programArguments, value, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, environmentVariables,
                standardOutPath, standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withRunAtLoad(boolean value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, value, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, environmentVariables,
                standardOutPath, standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withStartInterval(Duration value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, Optional.of(value),
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, environmentVariables,
                standardOutPath, standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withThrottleInterval(Duration value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, Optional.of(value), exitTimeOut, workingDirectory, environmentVariables,
                standardOutPath, standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withExitTimeOut(Duration value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, Optional.of(value), workingDirectory, environmentVariables,
                standardOutPath, standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withWorkingDirectory(Path value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, Optional.of(value), environmentVariables,
                standardOutPath, standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withEnvironmentVariables(Map<String, String> value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, value,
                standardOutPath, standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withStandardOutPath(Path value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, environmentVariables,
                Optional.of(value), standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withStandardErrorPath(Path value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, environmentVariables,
                standardOutPath, Optional.of(value), disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withDisabled(boolean value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, environmentVariables,
                standardOutPath, standardErrorPath, value, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    public LaunchdJob withAbandonProcessGroup(boolean value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, environmentVariables,
                standardOutPath, standardErrorPath, disabled, value, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                extraKeys);
    }

    /** This job with {@code value} as its unmodelled keys (plain Java values, see {@link #extraKeys()}). */
    public LaunchdJob withExtraKeys(Map<String, Object> value) {
        return new LaunchdJob(label, program, programArguments, keepAlive, runAtLoad, startInterval,
                startCalendarInterval, throttleInterval, exitTimeOut, workingDirectory, environmentVariables,
                standardOutPath, standardErrorPath, disabled, abandonProcessGroup, processType,
                limitLoadToSessionType, userName, groupName, nice, umask, softResourceLimits, hardResourceLimits,
                value);
    }

    /** Order-keeping unmodifiable copies, so a written plist keeps the order it was read in. */
    static final class Collections2 {
        private Collections2() {
        }

        static <V> Map<String, V> orderedCopy(Map<String, V> map) {
            Objects.requireNonNull(map, "map");
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
    }
}
