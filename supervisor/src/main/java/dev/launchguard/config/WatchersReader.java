package dev.launchguard.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reads the {@code watchers:} block of {@code launchguard.yaml}; the watcher files themselves are read by the watchers. */
final class WatchersReader {

    private static final Set<String> KEYS = Set.of("drift", "uptime", "strays", "alerts");
    private static final Set<String> SCHEDULE_KEYS = Set.of("file", "interval");
    private static final Set<String> STRAYS_KEYS = Set.of("interval", "reap");
    private static final Set<String> ALERT_KEYS = Set.of("failures", "successes", "webhook", "command", "commandTimeout",
            "alertmanager");
    private static final Set<String> WEBHOOK_KEYS = Set.of("url", "attempts", "backoff", "timeout");
    /** Below this a watcher would rescan the process table or re-ask endpoints many times a second. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private final Function<String, Path> paths;

    /** @param paths resolves a path as written (relative to launchguard.yaml's folder, {@code ~/}) */
    WatchersReader(Function<String, Path> paths) {
        this.paths = paths;
    }

    WatchersConfig read(Optional<ConfigNode> block) {
        if (block.isEmpty()) {
            return WatchersConfig.defaults();
        }
        ConfigNode node = block.get();
        node.rejectUnknownKeys(KEYS);
        WatchersConfig.Strays strays = node.child("strays").map(this::strays)
                .orElse(WatchersConfig.defaults().strays());
        WatchersConfig.Alerts alerts = node.child("alerts").map(this::alerts).orElse(WatchersConfig.Alerts.defaults());
        return new WatchersConfig(schedule(node, "drift"), schedule(node, "uptime"), strays, alerts);
    }

    private Optional<WatchersConfig.Schedule> schedule(ConfigNode parent, String key) {
        Optional<ConfigNode> child = parent.child(key);
        if (child.isEmpty()) {
            return Optional.empty();
        }
        ConfigNode node = child.get();
        node.rejectUnknownKeys(SCHEDULE_KEYS);
        String file = node.string("file").orElseThrow(() -> node.error("file", "is missing; name the " + key
                + " file (" + key + ".yaml, read against this file's folder)"));
        return Optional.of(new WatchersConfig.Schedule(paths.apply(file),
                interval(node, "interval", ConfigDefaults.WATCH_INTERVAL)));
    }

    private WatchersConfig.Strays strays(ConfigNode node) {
        node.rejectUnknownKeys(STRAYS_KEYS);
        return new WatchersConfig.Strays(interval(node, "interval", ConfigDefaults.STRAYS_INTERVAL),
                node.bool("reap").orElse(false));
    }

    private WatchersConfig.Alerts alerts(ConfigNode node) {
        node.rejectUnknownKeys(ALERT_KEYS);
        Optional<WatchersConfig.Webhook> webhook = node.child("webhook").map(this::webhook);
        Duration commandTimeout = node.duration("commandTimeout").orElse(ConfigDefaults.ALERT_COMMAND_TIMEOUT);
        if (node.has("commandTimeout") && !node.has("command")) {
            throw node.error("commandTimeout", "is set but no 'command' is; give the command as an argument array");
        }
        Optional<WatchersConfig.Command> command = node.strings("command")
                .map(argv -> new WatchersConfig.Command(argv, commandTimeout));
        Optional<WatchersConfig.Alertmanager> alertmanager = node.child("alertmanager")
                .map(new AlertmanagerReader(paths)::read);
        return new WatchersConfig.Alerts(node.integer("failures", 1, 1000).orElse(ConfigDefaults.ALERT_FAILURES),
                node.integer("successes", 1, 1000).orElse(ConfigDefaults.ALERT_SUCCESSES), webhook, command,
                alertmanager);
    }

    private WatchersConfig.Webhook webhook(ConfigNode node) {
        node.rejectUnknownKeys(WEBHOOK_KEYS);
        URI url = node.httpUrl("url", "give the URL alerts are POSTed to (https://ntfy.sh/my-topic)");
        Duration timeout = node.duration("timeout").orElse(ConfigDefaults.WEBHOOK_TIMEOUT);
        return new WatchersConfig.Webhook(url, node.integer("attempts", 1, 20).orElse(ConfigDefaults.WEBHOOK_ATTEMPTS),
                node.duration("backoff").orElse(ConfigDefaults.WEBHOOK_BACKOFF), timeout);
    }

    private static Duration interval(ConfigNode node, String key, Duration fallback) {
        Duration interval = node.duration(key).orElse(fallback);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw node.error(key, interval.toMillis() + "ms is too short; a watcher runs at most every "
                    + MIN_INTERVAL.toMillis() + "ms");
        }
        return interval;
    }
}
