package dev.launchguard.bench.sidebyside;

import dev.launchguard.bench.supervisor.Signals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Fault → healthy, the same way for every tool: wait until the target answers 200, let it run
 * {@link #SETTLE} plus a random 0–1000 ms (the same sequence for every tool), find the instance
 * listening on the port, send it SIGSTOP or SIGKILL, and poll {@link HealthPoller} until a 200
 * comes back, bounded. The settle is past launchguard's 1 s ThrottleInterval and monit's start
 * timeout (during which it does not test the port); the random part spreads the faults over every
 * phase of launchguard's 500 ms probe interval and monit's 1 s cycle.
 */
final class FaultTrials {

    private static final Duration SETTLE = Duration.ofSeconds(MonitTool.START_TIMEOUT_SECONDS);
    private static final int PHASE_MILLIS = 1000;
    /** A target that never got healthy three times in a row will not on the fourth: stop wasting bounds. */
    private static final int GIVE_UP_AFTER = 3;
    private static final long SEED = 42;

    private final Tool tool;
    private final Target target;
    private final Duration bound;

    FaultTrials(Tool tool, Target target, Duration bound) {
        this.tool = tool;
        this.target = target;
        this.bound = bound;
    }

    /** Runs up to {@code trials} faults of kind {@code fault} ("stop" or "kill"). */
    FaultSeries run(String fault, int trials, long rssIdleKib) {
        int signal = fault.equals("stop") ? Signals.SIGSTOP : Signals.SIGKILL;
        Random phase = new Random(SEED);
        List<Duration> recoveries = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long rssBusy = 0;
        int attempted = 0;
        int neverHealthy = 0;
        for (int i = 1; i <= trials && neverHealthy < GIVE_UP_AFTER; i++) {
            attempted++;
            int startsBefore = target.starts();
            if (HealthPoller.awaitHealthy(target.port, bound).isEmpty()) {
                int n = target.starts() - startsBefore;
                starts.add(n);
                rssBusy = Math.max(rssBusy, Proc.rssKib(tool.pid()));
                neverHealthy++;
                notes.add(String.format(Locale.ROOT, "trial %d: never healthy within %d s before the fault (%d starts)",
                        i, bound.toSeconds(), n));
                progress(fault, i, trials, "never healthy before the fault, " + n + " starts");
                continue;
            }
            neverHealthy = 0;
            HealthPoller.pause(SETTLE.plusMillis(phase.nextInt(PHASE_MILLIS)));
            OptionalLong pid = target.listening();
            if (pid.isEmpty()) {
                notes.add("trial " + i + ": no instance listening at the fault; skipped");
                continue;
            }
            int before = target.starts();
            long faultAt = System.nanoTime();
            Signals.send(pid.getAsLong(), signal);
            OptionalLong healthyAt = HealthPoller.awaitHealthy(target.port, bound);
            int n = target.starts() - before;
            starts.add(n);
            rssBusy = Math.max(rssBusy, Proc.rssKib(tool.pid()));
            if (healthyAt.isPresent()) {
                Duration took = Duration.ofNanos(healthyAt.getAsLong() - faultAt);
                recoveries.add(took);
                progress(fault, i, trials, String.format(Locale.ROOT, "%.0f ms, %d starts", took.toNanos() / 1e6, n));
                if (target.listening().equals(pid)) {
                    notes.add("trial " + i + ": the faulted instance " + pid.getAsLong() + " answered again");
                }
            } else {
                notes.add(String.format(Locale.ROOT, "trial %d: not healthy within %d s of the fault (%d starts)", i,
                        bound.toSeconds(), n));
                progress(fault, i, trials, "not healthy within " + bound.toSeconds() + " s, " + n + " starts");
            }
            if (Proc.running(pid.getAsLong())) {
                Signals.send(pid.getAsLong(), Signals.SIGKILL);
                notes.add("trial " + i + ": " + tool.name() + " left the faulted instance running; the harness killed it");
            }
        }
        if (neverHealthy == GIVE_UP_AFTER) {
            notes.add("gave up after " + GIVE_UP_AFTER + " trials in a row that never got healthy");
        }
        return new FaultSeries(tool.name(), target.name, fault, trials, attempted, recoveries, starts, rssIdleKib,
                rssBusy, notes);
    }

    private void progress(String fault, int i, int trials, String what) {
        System.err.printf(Locale.ROOT, "[%s %s %s] trial %d/%d: %s%n", tool.name(), fault, target.name, i, trials, what);
    }
}
