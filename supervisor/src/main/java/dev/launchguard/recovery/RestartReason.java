package dev.launchguard.recovery;

/**
 * Why a job was restarted. The tag is the {@code reason} metric tag and the {@code reason} and
 * {@code cause} fields of the API.
 */
public enum RestartReason {
    /** The instance ended: an exit launchguard observed, or one that happened between two looks. */
    CRASH("crash"),
    /** launchguard's verdict: alive but not serving (liveness failing without progress, a stalled start). */
    WEDGE("wedge"),
    /** An operator asked for it ({@code launchguard kickstart}). */
    MANUAL("manual"),
    /** Nothing respawned an instance that ended, so launchguard kickstarted it. */
    RESPAWN("respawn"),
    /** The one trial start after a quarantine's backoff. */
    QUARANTINE_RETRY("quarantine-retry");

    private final String tag;

    RestartReason(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
