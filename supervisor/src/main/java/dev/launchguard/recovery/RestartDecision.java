package dev.launchguard.recovery;

/** What the storm guard says to a restart that is about to happen. */
public enum RestartDecision {
    /** Go ahead. */
    ALLOWED,
    /** Too many restarts of this job within its window: quarantine it and alert. */
    QUARANTINE,
    /** The host-wide budget is spent: hold off and try again later (the fault may be shared). */
    DEFERRED
}
