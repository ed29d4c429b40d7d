package dev.launchguard.alert;

import java.util.Map;
import java.util.Set;

/**
 * One check's alerting state: quiet or firing, and the current streak of each result. Replaced
 * whole on every result by its single owner, {@link Alerter}.
 */
record CheckState(Phase phase, int failures, int successes) {

    /** Whether the check's alert is out. */
    enum Phase {
        QUIET, FIRING
    }

    /** The allowed moves: an alert fires from quiet and resolves from firing, nothing else. */
    private static final Map<Phase, Set<Phase>> MOVES = Map.of(
            Phase.QUIET, Set.of(Phase.FIRING),
            Phase.FIRING, Set.of(Phase.QUIET));

    static CheckState quiet() {
        return new CheckState(Phase.QUIET, 0, 0);
    }

    /** The state after one result; the phase changes only when a threshold is reached. */
    CheckState after(boolean ok, int fireAfter, int resolveAfter, String check) {
        int failing = ok ? 0 : failures + 1;
        int passing = ok ? successes + 1 : 0;
        if (phase == Phase.QUIET && failing >= fireAfter) {
            return move(Phase.FIRING, failing, passing, check);
        }
        if (phase == Phase.FIRING && passing >= resolveAfter) {
            return move(Phase.QUIET, failing, passing, check);
        }
        return new CheckState(phase, failing, passing);
    }

    private CheckState move(Phase to, int failing, int passing, String check) {
        if (!MOVES.get(phase).contains(to)) {
            throw new IllegalStateException("alert for check '" + check + "' cannot move from " + phase + " to " + to);
        }
        return new CheckState(to, failing, passing);
    }
}
