package dev.launchguard.config;

import java.util.Locale;

/** Which job manager runs the jobs. */
public enum EngineKind {
    /** launchd on macOS, the embedded engine elsewhere. */
    AUTO,
    /** launchd through launchctl (macOS only). */
    LAUNCHD,
    /** launchguard's embedded engine. */
    EMBEDDED;

    /** The concrete choice on this OS. */
    public EngineKind resolve(String osName) {
        if (this != AUTO) {
            return this;
        }
        return osName.toLowerCase(Locale.ROOT).contains("mac") ? LAUNCHD : EMBEDDED;
    }
}
