package dev.launchguard.health;

import java.time.Duration;
import java.util.Locale;

/**
 * Decides from evidence, not from one timeout, whether a job whose probes fail is wedged. Pure
 * functions of probe counts and process samples, so every rule is unit-tested without processes.
 *
 * <ul>
 *   <li>Stopped (state T): wedged now; a stopped process never answers and never handles SIGTERM.
 *   <li>Fewer than the threshold of consecutive liveness failures: wait.
 *   <li>Liveness answered, with a failing status or body: the process says it is not live; restart.
 *   <li>No answer and CPU time not advancing across the failures: deadlocked, wedged.
 *   <li>No answer and CPU saturated (half a core or more): overloaded; grace, bounded by the
 *       overload grace.
 *   <li>No answer, CPU neither idle nor saturated: unresponsive while not busy (a blocked event
 *       loop with background threads still ticking), wedged.
 *   <li>During startup: wait for the budget; past it, CPU or memory still growing means loading,
 *       given at most one more budget; no progress means stalled, wedged.
 * </ul>
 */
public final class WedgeJudge {

    /**
     * Below 5% of one core across the failures counts as no progress: a deadlocked JVM still spends
     * a little on GC, JIT and idle Netty threads (1-3% measured on the sample model server's
     * deadlock), a working one far more.
     */
    static final double NO_PROGRESS_SHARE = 0.05;
    /** Resident memory growing by more than this counts as loading progress (a model being mapped). */
    static final long MEMORY_PROGRESS_BYTES = 1024 * 1024;
    /**
     * Half a core or more across the failures counts as busy: a saturated server on a contended
     * 2-core host still gets about that, while a blocked event loop with a JIT or GC thread
     * finishing work in the background stays well under it.
     */
    static final double BUSY_SHARE = 0.5;

    /**
     * Judges failing liveness.
     *
     * @param failures consecutive liveness failures so far (at least 1)
     * @param threshold failures needed before anything but a stopped process is judged
     * @param atFirstFailure the process sampled at the first failure of this run
     * @param now the process sampled now
     * @param answered whether the latest failure was an answer (a bad status or body) rather than silence
     * @param overloadGrace how long a busy process may keep failing
     */
    public WedgeVerdict liveness(int failures, int threshold, boolean answered, ProcessSample atFirstFailure,
            ProcessSample now, Duration overloadGrace) {
        if (now.stopped()) {
            return WedgeVerdict.wedged("process " + now.pid() + " is stopped (state T) after " + failures
                    + " failed liveness probe" + (failures == 1 ? "" : "s"));
        }
        if (failures < threshold) {
            return WedgeVerdict.waiting(failures + " of " + threshold + " liveness failures");
        }
        double share = now.cpuShareSince(atFirstFailure);
        Duration failingFor = Duration.ofNanos(now.atNanos() - atFirstFailure.atNanos());
        String usage = String.format(Locale.ROOT, "%.1f%% of a core over %d ms", share * 100, failingFor.toMillis());
        if (answered) {
            return WedgeVerdict.wedged("liveness answered but failed " + failures + " times in a row (" + usage + ")");
        }
        if (share < NO_PROGRESS_SHARE) {
            return WedgeVerdict.wedged("no CPU progress across " + failures + " liveness failures (" + usage
                    + ", state " + now.state() + "): deadlocked");
        }
        if (share < BUSY_SHARE) {
            return WedgeVerdict.wedged("no answer across " + failures + " liveness failures while not busy (" + usage
                    + "): unresponsive");
        }
        if (failingFor.compareTo(overloadGrace) < 0) {
            return WedgeVerdict.grace("busy, not wedged: " + usage + " across " + failures + " failures; grace "
                    + overloadGrace.toSeconds() + "s");
        }
        return WedgeVerdict.wedged("still failing liveness after the " + overloadGrace.toSeconds()
                + "s overload grace (" + usage + ")");
    }

    /**
     * Judges a start that has not become ready.
     *
     * @param elapsed time since the instance was spawned
     * @param budget the startup budget
     * @param windowStart the process sampled at the start of the recent window
     * @param now the process sampled now
     */
    public WedgeVerdict startup(Duration elapsed, Duration budget, ProcessSample windowStart, ProcessSample now) {
        if (now.stopped()) {
            return WedgeVerdict.wedged("process " + now.pid() + " is stopped (state T) while starting");
        }
        if (elapsed.compareTo(budget) < 0) {
            return WedgeVerdict.waiting("starting for " + elapsed.toMillis() + " ms of a " + budget.toSeconds() + "s budget");
        }
        double share = now.cpuShareSince(windowStart);
        long grown = now.residentBytes() - windowStart.residentBytes();
        String usage = String.format(Locale.ROOT, "%.1f%% of a core, resident memory %+d KiB", share * 100, grown / 1024);
        boolean progressing = share >= NO_PROGRESS_SHARE || grown >= MEMORY_PROGRESS_BYTES;
        if (progressing && elapsed.compareTo(budget.multipliedBy(2)) < 0) {
            return WedgeVerdict.grace("still loading past the " + budget.toSeconds() + "s startup budget: " + usage);
        }
        return WedgeVerdict.wedged("not ready after " + elapsed.toSeconds() + "s (startup budget " + budget.toSeconds()
                + "s): " + (progressing ? "still busy at twice the budget, " : "no progress, ") + usage);
    }
}
