package dev.launchguard.adopt;

import dev.launchguard.config.ConfigDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A model server's {@code startup.budget}: three times an observed start, at least 30s, rounded up to
 * 10s, at most 30m; launchguard's default 2m when no start time can be told.
 */
final class StartupBudget {

    /** A start observed once may be slower next time (a cold page cache, a busy host): three times it. */
    static final int MARGIN = 3;
    static final Duration FLOOR = Duration.ofSeconds(30);
    static final Duration STEP = Duration.ofSeconds(10);
    static final Duration CEILING = Duration.ofMinutes(30);
    /** A process younger than this started in at most its age; an older one tells nothing of its start. */
    static final Duration YOUNG = Duration.ofMinutes(10);
    static final Duration DEFAULT = ConfigDefaults.STARTUP_BUDGET;

    record Budget(Duration value, List<String> why) {
    }

    private StartupBudget() {
    }

    /** {@code ready}: whether the server said it was ready (KServe ready 200) when it was asked. */
    static Budget of(Optional<Duration> processAge, Optional<Duration> measuredStart, boolean ready) {
        if (measuredStart.isPresent()) {
            Duration start = measuredStart.get();
            Duration budget = from(start);
            return new Budget(budget, List.of("kickstart → ready measured at " + Durations.took(start)
                    + " (--measure-start); budget " + MARGIN + "× that, 30s to 30m, rounded up to 10s: "
                    + Durations.text(budget)));
        }
        if (processAge.isPresent() && !ready) {
            // Still loading: its age is a lower bound of its start, not an upper one.
            Duration age = processAge.get();
            Duration budget = from(age).compareTo(DEFAULT) > 0 ? from(age) : DEFAULT;
            return new Budget(budget, List.of("the process has run for " + Durations.age(age)
                    + " and is not ready yet, so its start takes longer than that; budget the larger of " + MARGIN
                    + "× that and launchguard's default " + Durations.text(DEFAULT) + ": " + Durations.text(budget)
                    + "; --measure-start measures a whole start"));
        }
        if (processAge.isPresent() && processAge.get().compareTo(YOUNG) < 0) {
            Duration age = processAge.get();
            Duration budget = from(age);
            return new Budget(budget, List.of("the process has run for " + Durations.age(age)
                    + " and answers, so it became ready in at most that; budget " + MARGIN
                    + "× that, 30s to 30m, rounded up to 10s: " + Durations.text(budget)));
        }
        String age = processAge.map(a -> "the process has run for " + Durations.age(a) + ", too long to tell its start time")
                .orElse("the process's age is unknown");
        return new Budget(DEFAULT, List.of(age + "; launchguard's default " + Durations.text(DEFAULT)
                + "; --measure-start measures a start"));
    }

    /** {@code 3 × start}, rounded up to 10s, then kept within 30s and 30m. */
    static Duration from(Duration start) {
        if (start.compareTo(CEILING) >= 0) {
            return CEILING;
        }
        long steps = (start.multipliedBy(MARGIN).toMillis() + STEP.toMillis() - 1) / STEP.toMillis();
        Duration rounded = STEP.multipliedBy(steps);
        return rounded.compareTo(FLOOR) < 0 ? FLOOR : rounded.compareTo(CEILING) > 0 ? CEILING : rounded;
    }
}
