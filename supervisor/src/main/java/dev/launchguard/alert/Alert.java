package dev.launchguard.alert;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One state change of one watched check, as every sink receives it: it started failing for good
 * (firing) or it recovered (resolved). A check that stays failing sends nothing more.
 *
 * @param watcher which watcher saw it: {@code drift}, {@code uptime} or {@code strays}
 * @param check the check's name from the watcher's file (a target's name, a job's label for strays)
 * @param detail what the last result said, in an operator's words
 * @param streak the consecutive failures (firing) or successes (resolved) that made the change
 */
public record Alert(Status status, String watcher, String check, String detail, Instant at, int streak) {

    /** Firing or resolved. */
    public enum Status {
        FIRING, RESOLVED;

        /** Lower case, as JSON, environment variables and logs carry it. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Alert {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(watcher, "watcher");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }

    /** One line for a notification: {@code FIRING drift 'model loaded': job ... is STOPPED}. */
    public String summary() {
        return status.name() + " " + watcher + " '" + check + "': " + detail;
    }
}
