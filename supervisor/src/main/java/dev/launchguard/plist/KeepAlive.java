package dev.launchguard.plist;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * launchd's KeepAlive: either a plain boolean, or a dictionary of conditions under which launchd
 * keeps the job running (launchd.plist(5)). With the dictionary, the job is kept alive when any
 * condition holds.
 *
 * @param always KeepAlive {@code true}: restart whenever the job exits
 * @param successfulExit SuccessfulExit: {@code true} restarts after a zero exit, {@code false}
 *     after a non-zero exit (launchd counts a signal death as unsuccessful)
 * @param crashed Crashed: {@code true} restarts after death by a signal, {@code false} unless
 * @param pathState PathState: path to "keep alive while it exists (true) / is absent (false)"
 * @param otherJobEnabled OtherJobEnabled: label to "keep alive while that job is / is not loaded"
 * @param otherConditions the dictionary's other keys (NetworkState, AfterInitialDemand, which
 *     current launchd ignores, or anything else), kept verbatim so a rewrite loses nothing
 */
public record KeepAlive(
        boolean always,
        Optional<Boolean> successfulExit,
        Optional<Boolean> crashed,
        Map<String, Boolean> pathState,
        Map<String, Boolean> otherJobEnabled,
        Map<String, Object> otherConditions) {

    private static final KeepAlive NEVER = new KeepAlive(false, Optional.empty(), Optional.empty(), Map.of(), Map.of());
    private static final KeepAlive ALWAYS = new KeepAlive(true, Optional.empty(), Optional.empty(), Map.of(), Map.of());

    public KeepAlive {
        Objects.requireNonNull(successfulExit, "successfulExit");
        Objects.requireNonNull(crashed, "crashed");
        pathState = LaunchdJob.Collections2.orderedCopy(pathState);
        otherJobEnabled = LaunchdJob.Collections2.orderedCopy(otherJobEnabled);
        otherConditions = LaunchdJob.Collections2.orderedCopy(otherConditions);
        if (always && (restartConditions(successfulExit, crashed, pathState, otherJobEnabled)
                || !otherConditions.isEmpty())) {
            throw new IllegalArgumentException("KeepAlive is either true or a dictionary of conditions, not both");
        }
    }

    /** KeepAlive without unmodelled dictionary keys. */
    public KeepAlive(boolean always, Optional<Boolean> successfulExit, Optional<Boolean> crashed,
            Map<String, Boolean> pathState, Map<String, Boolean> otherJobEnabled) {
        this(always, successfulExit, crashed, pathState, otherJobEnabled, Map.of());
    }

    /** KeepAlive absent or {@code false}. */
    public static KeepAlive never() {
        return NEVER;
    }

    /** KeepAlive {@code true}. */
    public static KeepAlive forever() {
        return ALWAYS;
    }

    /** The dictionary form. */
    public static KeepAlive conditions(Optional<Boolean> successfulExit, Optional<Boolean> crashed,
            Map<String, Boolean> pathState, Map<String, Boolean> otherJobEnabled) {
        return new KeepAlive(false, successfulExit, crashed, pathState, otherJobEnabled);
    }

    /** The dictionary form, with keys launchguard does not model. */
    public static KeepAlive conditions(Optional<Boolean> successfulExit, Optional<Boolean> crashed,
            Map<String, Boolean> pathState, Map<String, Boolean> otherJobEnabled, Map<String, Object> others) {
        return new KeepAlive(false, successfulExit, crashed, pathState, otherJobEnabled, others);
    }

    /** True when this is the dictionary form (with at least one key). */
    public boolean conditional() {
        return restartConditions(successfulExit, crashed, pathState, otherJobEnabled) || !otherConditions.isEmpty();
    }

    /**
     * True when launchd would ever restart the job on its own. Unmodelled dictionary keys do not
     * count: NetworkState is no longer implemented and AfterInitialDemand only delays the others
     * (launchd.plist(5)).
     */
    public boolean enabled() {
        return always || restartConditions(successfulExit, crashed, pathState, otherJobEnabled);
    }

    private static boolean restartConditions(Optional<Boolean> successfulExit, Optional<Boolean> crashed,
            Map<String, Boolean> pathState, Map<String, Boolean> otherJobEnabled) {
        return successfulExit.isPresent() || crashed.isPresent() || !pathState.isEmpty() || !otherJobEnabled.isEmpty();
    }
}
