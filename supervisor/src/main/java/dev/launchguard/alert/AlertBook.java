package dev.launchguard.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The alerts that are out and those resolved lately, one entry per watcher and check, for sinks that
 * report the whole state on every send (Alertmanager forgets a firing alert that is not sent again).
 *
 * <p>Threads: written by {@link AlertDispatch#accept} in the order the alerts are made, read by the
 * sinks' threads; guarded by this object's lock. Handed from one dispatcher to the next at a reload,
 * so what is firing keeps being reported.
 */
final class AlertBook {

    /**
     * A resolved alert is reported this long after it resolved, so an Alertmanager that missed the
     * resolution (restarting, one of an HA pair) still learns it: Prometheus keeps its resolved
     * alerts for the same 15 minutes ({@code resolvedRetention} in its rules/alerting.go).
     */
    static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    /** One check's alert: the alert that fired, and the one that resolved it once it has. */
    record Entry(Alert firing, Optional<Alert> resolved) {
        Entry {
            Objects.requireNonNull(firing, "firing");
            Objects.requireNonNull(resolved, "resolved");
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Notes {@code alert}: a firing one opens (or reopens) its check's entry, a resolved one closes it. */
    synchronized void record(Alert alert) {
        forgetResolvedBefore(alert.at().minus(RESOLVED_RETENTION));
        String key = alert.watcher() + "/" + alert.check();
        if (alert.status() == Alert.Status.FIRING) {
            entries.remove(key);
            entries.put(key, new Entry(alert, Optional.empty()));
            return;
        }
        Entry open = entries.get(key);
        if (open != null && open.resolved().isEmpty()) {
            entries.put(key, new Entry(open.firing(), Optional.of(alert)));
        }
    }

    /** Every entry still firing or resolved within {@link #RESOLVED_RETENTION} of {@code now}, oldest first. */
    synchronized List<Entry> current(Instant now) {
        forgetResolvedBefore(now.minus(RESOLVED_RETENTION));
        return new ArrayList<>(entries.values());
    }

    /** Keeps the book as small as the checks out, with or without a sink that reads it. */
    private void forgetResolvedBefore(Instant cutoff) {
        entries.values().removeIf(e -> e.resolved().isPresent() && e.resolved().get().at().isBefore(cutoff));
    }
}
