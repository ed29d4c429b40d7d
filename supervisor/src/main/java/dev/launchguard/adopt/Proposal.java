package dev.launchguard.adopt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The probes proposed for one job, each with its reasons; or, in {@link #leftOut}, why it gets none.
 *
 * @param startupBudget {@code startup.budget}, proposed for model servers only
 * @param budgetWhy how the budget was chosen
 * @param warnings what a person should check before trusting the proposal
 */
public record Proposal(String label, Optional<ProposedProbe> startup, Optional<Duration> startupBudget,
        List<String> budgetWhy, Optional<ProposedProbe> liveness, Optional<ProposedProbe> readiness,
        List<String> warnings, Optional<String> leftOut) {

    public Proposal {
        budgetWhy = List.copyOf(budgetWhy);
        warnings = List.copyOf(warnings);
    }
}
