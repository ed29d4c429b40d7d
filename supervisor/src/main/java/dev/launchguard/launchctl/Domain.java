package dev.launchguard.launchctl;

import java.util.Objects;

/**
 * A launchd domain target as launchctl(1) spells it: {@code system}, {@code gui/<uid>} or
 * {@code user/<uid>}.
 */
record Domain(String target) {

    Domain {
        Objects.requireNonNull(target, "target");
    }

    static Domain system() {
        return new Domain("system");
    }

    static Domain gui(long uid) {
        return new Domain("gui/" + uid);
    }

    static Domain user(long uid) {
        return new Domain("user/" + uid);
    }

    boolean gui() {
        return target.startsWith("gui/");
    }

    /** The service target of {@code label} in this domain: {@code gui/501/<label>}. */
    String service(String label) {
        return target + "/" + label;
    }
}
