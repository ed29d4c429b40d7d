package dev.launchguard.job;

/**
 * The signals launchguard sends. They are named, not numbered, because the numbers differ between
 * Linux and macOS (SIGSTOP is 19 on Linux, 17 on macOS); {@code kill -s NAME} and
 * {@code launchctl kill NAME} both take the name.
 */
public enum Signal {
    HUP, INT, QUIT, KILL, USR1, USR2, TERM, CONT, STOP;

    /** The name as {@code kill -s} and {@code launchctl kill} take it: {@code SIGTERM}. */
    public String signalName() {
        return "SIG" + name();
    }
}
