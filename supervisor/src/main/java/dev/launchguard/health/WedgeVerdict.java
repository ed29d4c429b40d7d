package dev.launchguard.health;

import java.util.Objects;

/**
 * What the evidence says about a job whose probes are failing.
 *
 * @param kind the judgement
 * @param evidence one line of facts behind it, recorded with any restart
 */
public record WedgeVerdict(Kind kind, String evidence) {

    /** The possible judgements. */
    public enum Kind {
        /** Not enough evidence yet: keep probing. */
        WAIT,
        /** Busy (CPU saturated) or still loading: give it time, within a bound. */
        GRACE,
        /** Wedged: kill and restart. */
        WEDGED;
    }

    public WedgeVerdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(evidence, "evidence");
    }

    static WedgeVerdict waiting(String evidence) {
        return new WedgeVerdict(Kind.WAIT, evidence);
    }

    static WedgeVerdict grace(String evidence) {
        return new WedgeVerdict(Kind.GRACE, evidence);
    }

    static WedgeVerdict wedged(String evidence) {
        return new WedgeVerdict(Kind.WEDGED, evidence);
    }

    public boolean isWedged() {
        return kind == Kind.WEDGED;
    }
}
