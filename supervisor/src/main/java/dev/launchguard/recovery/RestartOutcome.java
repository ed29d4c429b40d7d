package dev.launchguard.recovery;

/**
 * What came of a restart the {@link Restarter} was asked for. The watcher acts on it: find the new
 * instance, keep probing while a retry waits, look again later, or hold the job quarantined.
 */
public sealed interface RestartOutcome {

    /** The job manager took the kickstart: the old instance is (being) replaced. */
    record Kickstarted() implements RestartOutcome {
    }

    /** The kickstart failed; {@code retry} says when it is tried again and why it failed. */
    record RetryPending(RecoveryRetry retry) implements RestartOutcome {
    }

    /** The host restart budget is spent: nothing was done, ask again later. */
    record Deferred() implements RestartOutcome {
    }

    /** The storm guard tripped: the job was booted out and waits for its backoff. */
    record Quarantined() implements RestartOutcome {
    }
}
