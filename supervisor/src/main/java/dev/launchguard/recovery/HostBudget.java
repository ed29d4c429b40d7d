package dev.launchguard.recovery;

import dev.launchguard.config.RestartBudget;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The host-wide restart budget: a sliding window of the restarts launchguard issued on any job. A
 * shared fault (the GPU, memory pressure) makes every service fail at once; restarting all of them
 * at once would make it worse.
 */
final class HostBudget {

    private final RestartBudget budget;
    private final Clock clock;
    private final Deque<Instant> issued = new ArrayDeque<>();

    HostBudget(RestartBudget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    /** Takes one restart from the budget if any is left. */
    synchronized boolean tryTake() {
        Instant now = clock.instant();
        forgetBefore(now);
        if (issued.size() >= budget.restarts()) {
            return false;
        }
        issued.addLast(now);
        return true;
    }

    synchronized int used() {
        return issued.size();
    }

    /** How many restarts may still be taken now: the budget less those issued within the window. */
    synchronized int remaining() {
        forgetBefore(clock.instant());
        return Math.max(0, budget.restarts() - issued.size());
    }

    int size() {
        return budget.restarts();
    }

    private void forgetBefore(Instant now) {
        Instant horizon = now.minus(budget.window());
        while (!issued.isEmpty() && !issued.peekFirst().isAfter(horizon)) {
            issued.removeFirst();
        }
    }
}
