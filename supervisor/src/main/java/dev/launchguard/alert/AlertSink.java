package dev.launchguard.alert;

/**
 * Where an alert goes: the log, a webhook, a command, Alertmanager. A sink is called on the alert
 * executor's thread, never on a watcher's, and must not throw: a failed delivery is logged by the sink.
 */
public interface AlertSink {

    /** Delivers {@code alert}; may hand retries to a later time but returns promptly. */
    void send(Alert alert);

    /** The sink's kind for logs: {@code log}, {@code webhook}, {@code command}, {@code alertmanager}. */
    String kind();
}
