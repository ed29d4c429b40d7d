package dev.launchguard.engine;

import dev.launchguard.job.Termination;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * launchd's decisions about one job, as pure functions: whether to start it when loaded, whether
 * to start it again after an exit, and when the throttle lets it start (launchd.plist(5)).
 *
 * @param pathExists how PathState looks at the file system (a fake in unit tests)
 * @param jobLoaded whether another label is loaded, for OtherJobEnabled
 */
record RestartPolicy(Predicate<Path> pathExists, Predicate<String> jobLoaded) {

    /** Exit values above this are how Java reports death by signal on Unix: 128 + signal number. */
    private static final int SIGNAL_EXIT_BASE = 128;
    /** Highest signal number on Linux and macOS (SIGRTMAX is 64 on Linux). */
    private static final int MAX_SIGNAL = 64;

    static RestartPolicy of(Predicate<String> jobLoaded) {
        return new RestartPolicy(Files::exists, jobLoaded);
    }

    /**
     * Whether loading the job starts it: RunAtLoad, KeepAlive true, SuccessfulExit (launchd.plist(5):
     * "this key implies RunAtLoad", the job must run once to have an exit status), or a PathState /
     * OtherJobEnabled condition that holds right now.
     */
    boolean startAtLoad(LaunchdJob job) {
        KeepAlive keepAlive = job.keepAlive();
        return job.runAtLoad() || keepAlive.always() || keepAlive.successfulExit().isPresent()
                || conditionsHold(keepAlive);
    }

    /**
     * Whether launchd would start the job again after {@code exit}. An empty exit means the status
     * is unknown (an adopted instance, not our child); it counts as unsuccessful and not a crash.
     */
    boolean restartAfter(LaunchdJob job, Optional<Termination> exit) {
        KeepAlive keepAlive = job.keepAlive();
        if (keepAlive.always()) {
            return true;
        }
        boolean successful = exit.map(Termination::successful).orElse(false);
        boolean crashed = exit.map(e -> e instanceof Termination.Signaled).orElse(false);
        if (keepAlive.successfulExit().map(want -> want == successful).orElse(false)) {
            return true;
        }
        if (keepAlive.crashed().map(want -> want == crashed).orElse(false)) {
            return true;
        }
        return conditionsHold(keepAlive);
    }

    /** True when an idle job must be started now because a PathState / OtherJobEnabled condition holds. */
    boolean conditionsHold(KeepAlive keepAlive) {
        return anyHolds(keepAlive.pathState(), path -> pathExists.test(Path.of(path)))
                || anyHolds(keepAlive.otherJobEnabled(), jobLoaded);
    }

    /** True when the job has something that may start it later while idle (launchd's {@code waiting}). */
    static boolean waits(LaunchdJob job) {
        return job.startInterval().isPresent() || !job.keepAlive().pathState().isEmpty()
                || !job.keepAlive().otherJobEnabled().isEmpty();
    }

    /**
     * How long a respawn must wait: launchd keeps spawns at least ThrottleInterval apart, so a run
     * shorter than that waits for the remainder; a longer run respawns at once (zero). Both times
     * are monotonic nanos, so a wall-clock step neither holds a respawn back nor lets it through early.
     */
    static Duration respawnDelay(long spawnedNanos, Duration throttle, long nowNanos) {
        long left = throttle.toNanos() - (nowNanos - spawnedNanos);
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** How a Java exit value reads as a launchd termination: 128 + n is death by signal n. */
    static Termination termination(int exitValue) {
        if (exitValue > SIGNAL_EXIT_BASE && exitValue <= SIGNAL_EXIT_BASE + MAX_SIGNAL) {
            return Termination.signaled(exitValue - SIGNAL_EXIT_BASE);
        }
        return Termination.exited(exitValue);
    }

    private static <K> boolean anyHolds(Map<K, Boolean> conditions, Predicate<K> test) {
        return conditions.entrySet().stream().anyMatch(e -> test.test(e.getKey()) == e.getValue());
    }
}
