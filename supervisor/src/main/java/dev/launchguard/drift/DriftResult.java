package dev.launchguard.drift;

import java.util.Objects;

/**
 * The outcome of one drift check: passed or not, with one line saying what was seen.
 *
 * @param detail what was found, in words an operator can act on (never empty)
 */
public record DriftResult(String check, String kind, boolean ok, String detail) {

    public DriftResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    static DriftResult pass(DriftCheck check, String detail) {
        return new DriftResult(check.name(), check.kind(), true, detail);
    }

    static DriftResult fail(DriftCheck check, String detail) {
        return new DriftResult(check.name(), check.kind(), false, detail);
    }
}
