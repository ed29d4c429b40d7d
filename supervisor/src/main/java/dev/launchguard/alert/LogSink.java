package dev.launchguard.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every alert as one log line: WARN when it fires (a failure that changed state), INFO when it resolves. */
final class LogSink implements AlertSink {

    private static final Logger log = LoggerFactory.getLogger(LogSink.class);

    @Override
    public void send(Alert alert) {
        if (alert.status() == Alert.Status.FIRING) {
            log.warn("Alert firing: {} watcher={} check={} failures={}", alert.detail(), alert.watcher(), alert.check(),
                    alert.streak());
        } else {
            log.info("Alert resolved: {} watcher={} check={} successes={}", alert.detail(), alert.watcher(),
                    alert.check(), alert.streak());
        }
    }

    @Override
    public String kind() {
        return "log";
    }
}
