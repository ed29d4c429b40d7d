package dev.launchguard.alert;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Turns watcher results into alerts, as Gatus does: an alert fires after {@code failures}
 * consecutive failures and resolves after {@code successes} consecutive successes, one message per
 * change. A check flapping between the two never reaches either threshold again, so it cannot
 * storm.
 *
 * <p>Threads: each watcher reports from its own cycle thread; the state is guarded by this object's
 * lock and the alerts are handed to {@code out} (the dispatcher, which delivers on its own threads)
 * after the lock is released. The state survives reloads: a reload changes thresholds and sinks, not
 * what is already firing.
 */
public final class Alerter {

    /** One check's result in one cycle. */
    public record Result(String check, boolean ok, String detail) {
        public Result {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final Clock clock;
    private final Consumer<Alert> out;
    private final Map<String, Map<String, CheckState>> states = new HashMap<>();
    private int fireAfter;
    private int resolveAfter;

    public Alerter(int fireAfter, int resolveAfter, Consumer<Alert> out, Clock clock) {
        this.out = out;
        this.clock = clock;
        thresholds(fireAfter, resolveAfter);
    }

    /** New thresholds from a reload; streaks already counted keep counting. */
    public synchronized void thresholds(int failures, int successes) {
        this.fireAfter = failures;
        this.resolveAfter = successes;
    }

    /**
     * Records one cycle of {@code watcher}: every check it ran. A check that is no longer reported
     * (removed from the file at a reload) is forgotten, and resolved if it was firing.
     */
    public void observe(String watcher, List<Result> results) {
        List<Alert> changes = new ArrayList<>();
        synchronized (this) {
            Map<String, CheckState> mine = states.computeIfAbsent(watcher, w -> new HashMap<>());
            Set<String> seen = new HashSet<>();
            for (Result r : results) {
                seen.add(r.check());
                CheckState before = mine.getOrDefault(r.check(), CheckState.quiet());
                CheckState after = before.after(r.ok(), fireAfter, resolveAfter, r.check());
                mine.put(r.check(), after);
                if (after.phase() != before.phase()) {
                    boolean firing = after.phase() == CheckState.Phase.FIRING;
                    changes.add(new Alert(firing ? Alert.Status.FIRING : Alert.Status.RESOLVED, watcher, r.check(),
                            r.detail(), clock.instant(), firing ? after.failures() : after.successes()));
                }
            }
            mine.entrySet().removeIf(e -> {
                boolean gone = !seen.contains(e.getKey());
                if (gone && e.getValue().phase() == CheckState.Phase.FIRING) {
                    changes.add(new Alert(Alert.Status.RESOLVED, watcher, e.getKey(), "no longer watched",
                            clock.instant(), 0));
                }
                return gone;
            });
        }
        changes.forEach(out);
    }

    /**
     * Records one result of one check of {@code watcher} with thresholds of its own, leaving the
     * watcher's other checks as they are: for events that arrive one at a time (the supervisor's),
     * not as a whole cycle. A good result for a check with nothing counted is dropped: there is
     * nothing it could resolve, and no state is kept for it.
     */
    public void record(String watcher, Result r, int failures, int successes) {
        Alert change = null;
        synchronized (this) {
            Map<String, CheckState> mine = states.computeIfAbsent(watcher, w -> new HashMap<>());
            CheckState before = mine.get(r.check());
            if (before == null && r.ok()) {
                return;
            }
            before = before == null ? CheckState.quiet() : before;
            CheckState after = before.after(r.ok(), failures, successes, r.check());
            if (after.phase() == CheckState.Phase.QUIET && after.failures() == 0) {
                // Back to nothing counted: forget it, so a fleet's good answers keep no state.
                mine.remove(r.check());
            } else {
                mine.put(r.check(), after);
            }
            if (after.phase() != before.phase()) {
                boolean firing = after.phase() == CheckState.Phase.FIRING;
                change = new Alert(firing ? Alert.Status.FIRING : Alert.Status.RESOLVED, watcher, r.check(), r.detail(),
                        clock.instant(), firing ? after.failures() : after.successes());
            }
        }
        if (change != null) {
            out.accept(change);
        }
    }

    /**
     * Forgets the checks of {@code watcher} that {@code keep} refuses (a job removed at a reload),
     * resolving those that were firing with {@code detail}.
     */
    public void retain(String watcher, Predicate<String> keep, String detail) {
        List<Alert> changes = new ArrayList<>();
        synchronized (this) {
            Map<String, CheckState> mine = states.get(watcher);
            if (mine == null) {
                return;
            }
            mine.entrySet().removeIf(e -> {
                boolean gone = !keep.test(e.getKey());
                if (gone && e.getValue().phase() == CheckState.Phase.FIRING) {
                    changes.add(new Alert(Alert.Status.RESOLVED, watcher, e.getKey(), detail, clock.instant(), 0));
                }
                return gone;
            });
        }
        changes.forEach(out);
    }

    /** The checks whose alert is out, as {@code watcher/check}. */
    public synchronized List<String> firing() {
        List<String> firing = new ArrayList<>();
        states.forEach((watcher, checks) -> checks.forEach((check, state) -> {
            if (state.phase() == CheckState.Phase.FIRING) {
                firing.add(watcher + "/" + check);
            }
        }));
        return firing;
    }
}
