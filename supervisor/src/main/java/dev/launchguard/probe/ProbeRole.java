package dev.launchguard.probe;

/**
 * What a probe is asked for: liveness (is the process still serving at all; failing it is evidence
 * of a wedge), readiness (may it take traffic; failing it never restarts anything) and startup (has
 * it finished starting). The tag is the {@code probe} metric tag and the key in the API's
 * {@code lastProbes}.
 */
public enum ProbeRole {
    LIVENESS("liveness"),
    READINESS("readiness"),
    STARTUP("startup");

    private final String tag;

    ProbeRole(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
