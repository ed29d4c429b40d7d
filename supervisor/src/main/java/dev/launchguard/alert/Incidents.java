package dev.launchguard.alert;

import dev.launchguard.config.WatchersConfig;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The supervisor's own incidents as alerts, to the sinks the watchers' alerts go to, under watcher
 * {@code supervisor}: {@code quarantine <label>}, {@code restart <label>}, {@code host-budget} and
 * {@code launchguard}. Each is sent when it happens, on the supervisor's call, never on a cycle.
 *
 * <p>The thresholds, as docs/watchers.md gives them: a quarantine, a spent host budget and an
 * unclean stop are already verdicts (the storm guard's K restarts in W; the budget; a marker left
 * behind), so they fire at once; a failed restart fires after {@code failures} failed attempts of
 * one recovery in a row. A quarantine or failed restart resolves after {@code successes} ready
 * answers of the job (the first when it is READY again, then each passing liveness probe); the host
 * budget at the first restart it allows again; {@code launchguard} once the new instance's start has
 * settled. One message per change, as for every alert.
 *
 * <p>Threads and ownership: called on the job watchers' threads and the composition root's; the
 * state is the {@link Alerter}'s, under its lock. Owns a dispatcher ({@code supervisor-alert-N}
 * threads), replaced at a reload by {@link #reconfigure}; the counted state survives reloads.
 */
public final class Incidents implements SupervisorEvents, AutoCloseable {

    public static final String WATCHER = "supervisor";
    public static final String HOST_BUDGET = "host-budget";
    public static final String LAUNCHGUARD = "launchguard";
    /** The checks per job, as {@code <kind> <label>}. */
    static final String QUARANTINE = "quarantine";
    static final String RESTART = "restart";
    private static final List<String> JOB_CHECKS = List.of(QUARANTINE, RESTART);
    /** A verdict fires (or clears) on its first observation. */
    private static final int AT_ONCE = 1;

    private final Alerter alerter;
    private final Consumer<Alert> tap;
    private AlertDispatch dispatch;
    private volatile int failures;
    private volatile int successes;

    public Incidents(WatchersConfig.Alerts config, Clock clock) {
        this(config, alert -> {
        }, clock);
    }

    /**
     * As {@link #Incidents(WatchersConfig.Alerts, Clock)}; {@code tap} sees every alert too, on the
     * caller's thread (tests).
     */
    public Incidents(WatchersConfig.Alerts config, Consumer<Alert> tap, Clock clock) {
        this.tap = tap;
        this.dispatch = new AlertDispatch(config, "supervisor-alert", clock, new AlertBook());
        this.failures = config.failures();
        this.successes = config.successes();
        this.alerter = new Alerter(config.failures(), config.successes(), this::deliver, clock);
    }

    /** A reload's thresholds and sinks; what is firing stays firing, streaks keep counting. */
    public void reconfigure(WatchersConfig.Alerts next) {
        AlertDispatch old;
        synchronized (this) {
            old = dispatch;
            dispatch = old.reconfigured(next);
            failures = next.failures();
            successes = next.successes();
        }
        old.close();
    }

    @Override
    public void quarantined(String label, String evidence) {
        alerter.record(WATCHER, new Alerter.Result(QUARANTINE + " " + label, false,
                "job '" + label + "' quarantined: storm guard tripped, restarts stopped (" + evidence + ")"), AT_ONCE,
                successes);
    }

    @Override
    public void restartFailed(String label, int attempts, String error) {
        alerter.record(WATCHER, new Alerter.Result(RESTART + " " + label, false, "restart of job '" + label
                + "' failed, attempt " + attempts + ", retrying: " + error), failures, successes);
    }

    @Override
    public void restartDeferred(String label) {
        alerter.record(WATCHER, new Alerter.Result(HOST_BUDGET, false,
                "host restart budget spent: restart of job '" + label + "' deferred until it has room"), AT_ONCE,
                AT_ONCE);
    }

    @Override
    public void restartAllowed(String label) {
        alerter.record(WATCHER, new Alerter.Result(HOST_BUDGET, true,
                "host restart budget has room again: restart of job '" + label + "' allowed"), AT_ONCE, AT_ONCE);
    }

    @Override
    public void ready(String label) {
        for (String kind : JOB_CHECKS) {
            alerter.record(WATCHER, new Alerter.Result(kind + " " + label, true, "job '" + label + "' is READY again"),
                    AT_ONCE, successes);
        }
    }

    /**
     * This launchguard started over a state folder its previous instance did not stop cleanly;
     * {@code detail} says which.
     */
    public void uncleanStop(String detail) {
        alerter.record(WATCHER, new Alerter.Result(LAUNCHGUARD, false, detail), AT_ONCE, AT_ONCE);
    }

    /** The start after an unclean stop has settled; {@code detail} says how the jobs stand. */
    public void settled(String detail) {
        alerter.record(WATCHER, new Alerter.Result(LAUNCHGUARD, true, detail), AT_ONCE, AT_ONCE);
    }

    /** After a reload: the job checks of labels no longer in {@code labels} resolve ("no longer supervised"). */
    public void retain(Set<String> labels) {
        alerter.retain(WATCHER, check -> {
            int space = check.indexOf(' ');
            return space < 0 || labels.contains(check.substring(space + 1));
        }, "job no longer supervised");
    }

    /** The supervisor checks whose alert is out, as {@code supervisor/check}. */
    public List<String> firing() {
        return alerter.firing();
    }

    private void deliver(Alert alert) {
        tap.accept(alert);
        AlertDispatch current;
        synchronized (this) {
            current = dispatch;
        }
        current.accept(alert);
    }

    /** Stops delivering: queued deliveries and pending retries are dropped, as the watchers' are. */
    @Override
    public synchronized void close() {
        dispatch.closeNow();
    }
}
