package dev.launchguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.launchguard.probe.ProbeHeaders;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads {@code watchers.alerts.alertmanager}: where launchguard's alerts go in Alertmanager's v2 API. */
final class AlertmanagerReader {

    private static final Set<String> KEYS = Set.of("urls", "repeat", "instance", "labels", "headersFile", "runbook",
            "attempts", "backoff", "timeout");
    /** The API path a URL gets when it names only the Alertmanager (its host, or a prefix behind a proxy). */
    static final String ALERTS_PATH = "/api/v2/alerts";
    /** Prometheus's label name syntax, which Alertmanager enforces; {@code __} names are Prometheus's own. */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** The labels the sink sets itself: a static label may not replace them. */
    static final Set<String> OWN_LABELS = Set.of("alertname", "label", "check", "watcher", "severity", "instance");
    /** The JDK's HTTP client refuses these request headers; a file naming one would fail every send. */
    private static final Set<String> CLIENT_HEADERS = Set.of("expect", "upgrade");

    private final Function<String, Path> paths;

    AlertmanagerReader(Function<String, Path> paths) {
        this.paths = paths;
    }

    WatchersConfig.Alertmanager read(ConfigNode node) {
        node.rejectUnknownKeys(KEYS);
        int attempts = node.integer("attempts", 1, 20).orElse(ConfigDefaults.WEBHOOK_ATTEMPTS);
        Duration backoff = node.duration("backoff").orElse(ConfigDefaults.WEBHOOK_BACKOFF);
        Duration timeout = node.duration("timeout").orElse(ConfigDefaults.WEBHOOK_TIMEOUT);
        List<WatchersConfig.Webhook> targets = new ArrayList<>();
        for (URI url : urls(node)) {
            targets.add(new WatchersConfig.Webhook(url, attempts, backoff, timeout));
        }
        Duration repeat = node.duration("repeat").orElse(ConfigDefaults.ALERTMANAGER_REPEAT);
        if (repeat.compareTo(ConfigDefaults.ALERTMANAGER_MIN_REPEAT) < 0) {
            throw node.error("repeat", repeat.toMillis() + "ms is too short; firing alerts are sent again at most every "
                    + ConfigDefaults.ALERTMANAGER_MIN_REPEAT.toSeconds() + "s");
        }
        ProbeHeaders headers = node.string("headersFile").map(f -> headers(node, paths.apply(f)))
                .orElse(ProbeHeaders.none());
        return new WatchersConfig.Alertmanager(targets, repeat, node.string("instance"), labels(node), headers,
                node.string("runbook").orElse(ConfigDefaults.ALERTMANAGER_RUNBOOK));
    }

    private static List<URI> urls(ConfigNode node) {
        List<String> texts = node.strings("urls").orElseThrow(() -> node.error("urls", "is missing; list each "
                + "Alertmanager's URL (['http://127.0.0.1:9093']), both of an HA pair"));
        if (texts.size() > ConfigDefaults.ALERTMANAGER_MAX_URLS) {
            throw node.error("urls", texts.size() + " URLs are more than the " + ConfigDefaults.ALERTMANAGER_MAX_URLS
                    + " allowed");
        }
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            URI url = node.httpUrlAt("urls[" + i + "]", texts.get(i));
            urls.add(alertsEndpoint(url));
        }
        return urls;
    }

    /** {@code http://am:9093} and {@code http://am:9093/prefix/} become their {@code /api/v2/alerts}. */
    static URI alertsEndpoint(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        return path.endsWith(ALERTS_PATH) ? url.resolve(path) : url.resolve(path + ALERTS_PATH);
    }

    private static Map<String, String> labels(ConfigNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (node.child("labels").isEmpty()) {
            return labels;
        }
        JsonNode mapping = node.raw("labels").orElseThrow();
        Iterator<Map.Entry<String, JsonNode>> fields = mapping.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String key = "labels." + name;
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                throw node.error(key, "'" + name + "' is not a label name; use letters, digits and '_', not starting "
                        + "with a digit or '__'");
            }
            if (OWN_LABELS.contains(name)) {
                throw node.error(key, "'" + name + "' is set by launchguard on every alert; the static labels are "
                        + "added to " + String.join(", ", new java.util.TreeSet<>(OWN_LABELS)));
            }
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
                throw node.error(key, (value.isContainerNode() ? "a " + (value.isArray() ? "list" : "mapping")
                        : "'" + value.asText() + "'") + " must be a non-empty string");
            }
            labels.put(name, value.asText().trim());
        }
        return labels;
    }

    private static ProbeHeaders headers(ConfigNode node, Path file) {
        ProbeHeaders headers = HeadersFile.read(node, "headersFile", file);
        for (String name : headers.headers().keySet()) {
            if (CLIENT_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw node.error("headersFile", "'" + file + "': header '" + name + "' cannot be sent to Alertmanager");
            }
        }
        return headers;
    }
}
