package dev.launchguard.config;

import dev.launchguard.probe.ProbeHeaders;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code watchers:} block of {@code launchguard.yaml}: which watchers run inside launchguard, how
 * often, and where their alerts go (docs/watchers.md).
 *
 * @param drift the drift file and its interval; empty when the drift watcher is off
 * @param uptime the uptime file and its interval; empty when the uptime watcher is off
 * @param strays how often orphans and port squatters are looked for, and whether orphans are reaped
 */
public record WatchersConfig(Optional<Schedule> drift, Optional<Schedule> uptime, Strays strays, Alerts alerts) {

    public WatchersConfig {
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(strays, "strays");
        Objects.requireNonNull(alerts, "alerts");
    }

    /** No drift or uptime watcher; strays looked for at the default interval, never reaped; alerts to the log only. */
    public static WatchersConfig defaults() {
        return new WatchersConfig(Optional.empty(), Optional.empty(),
                new Strays(ConfigDefaults.STRAYS_INTERVAL, false), Alerts.defaults());
    }

    /** A watcher file read at start and at every reload, and run every {@code interval}. */
    public record Schedule(Path file, Duration interval) {
        public Schedule {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /**
     * The orphan and squatter watcher.
     *
     * @param reap SIGKILL orphans that carry the job's tags (never a squatter); off by default
     */
    public record Strays(Duration interval, boolean reap) {
        public Strays {
            Objects.requireNonNull(interval, "interval");
        }
    }

    /**
     * When a failing check alerts and where the alert goes. The log always gets it.
     *
     * @param failures consecutive failures before an alert fires
     * @param successes consecutive successes before a firing alert resolves
     */
    public record Alerts(int failures, int successes, Optional<Webhook> webhook, Optional<Command> command,
            Optional<Alertmanager> alertmanager) {
        public Alerts {
            Objects.requireNonNull(webhook, "webhook");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(alertmanager, "alertmanager");
            if (failures < 1 || successes < 1) {
                throw new IllegalArgumentException("alert thresholds must be at least 1, were " + failures + " and " + successes);
            }
        }

        /** Alerts without an Alertmanager. */
        public Alerts(int failures, int successes, Optional<Webhook> webhook, Optional<Command> command) {
            this(failures, successes, webhook, command, Optional.empty());
        }

        public static Alerts defaults() {
            return new Alerts(ConfigDefaults.ALERT_FAILURES, ConfigDefaults.ALERT_SUCCESSES, Optional.empty(),
                    Optional.empty());
        }
    }

    /**
     * Alertmanager's v2 API ({@code POST /api/v2/alerts}): every alert as Alertmanager's alert, to
     * each Alertmanager given (an HA pair gets both).
     *
     * @param targets one per Alertmanager: its alerts endpoint and the retries, as a webhook's
     * @param repeat how often a firing alert is sent again, so Alertmanager does not resolve it
     * @param instance the {@code instance} label; empty: this host's name
     * @param labels static labels added to every alert
     * @param headers request headers from {@code headersFile} (an {@code Authorization}); never logged
     * @param runbook the runbook's address; each alert's {@code runbook_url} adds an anchor to it
     */
    public record Alertmanager(List<Webhook> targets, Duration repeat, Optional<String> instance,
            Map<String, String> labels, ProbeHeaders headers, String runbook) {
        public Alertmanager {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("an alertmanager needs at least one URL");
            }
            Objects.requireNonNull(repeat, "repeat");
            Objects.requireNonNull(instance, "instance");
            labels = Map.copyOf(labels);
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(runbook, "runbook");
        }
    }

    /**
     * A JSON POST per alert, retried on no answer, 429 or 5xx with exponential backoff.
     *
     * @param attempts every attempt counted, the first included
     * @param backoff the wait before the second attempt; it doubles before each further one
     * @param timeout one attempt's deadline: connect, send and the answer
     */
    public record Webhook(URI url, int attempts, Duration backoff, Duration timeout) {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** A program run per alert with an argument array, never a shell. */
    public record Command(List<String> argv, Duration timeout) {
        public Command {
            argv = List.copyOf(argv);
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
