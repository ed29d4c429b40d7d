package dev.launchguard.uptime;

import dev.launchguard.config.ConfigNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads an uptime file ({@code uptime.yaml}): the endpoints and how close to expiry a certificate
 * may come. Errors name file, key path, value and what is allowed, as launchguard.yaml's do.
 */
public final class UptimeFile {

    /** The operator's rule: two weeks is enough time to renew by hand when automation failed. */
    static final Duration DEFAULT_CERT_WARNING = Duration.ofDays(14);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_REDIRECTS = 5;

    /**
     * One round asks every target on four threads within its interval; a thousand endpoints is far
     * beyond a personal fleet's and still a bounded round.
     */
    static final int MAX_TARGETS = 1_000;

    private static final Set<String> TOP_KEYS = Set.of("certificateWarning", "targets");
    private static final Set<String> TARGET_KEYS = Set.of("name", "url", "status", "body", "timeout", "maxRedirects");

    /** The endpoints, and how long before expiry a certificate raises a problem. */
    public record Settings(List<UptimeTarget> targets, Duration certificateWarning) {
        public Settings {
            targets = List.copyOf(targets);
            Objects.requireNonNull(certificateWarning, "certificateWarning");
        }
    }

    private UptimeFile() {
    }

    public static Settings load(Path file) {
        return load(file, false);
    }

    /**
     * Reads {@code file}; with {@code namesRequired} (the watcher inside launchguard), every target
     * must have a name, because the name is its metric tag and a URL never is one.
     */
    public static Settings load(Path file, boolean namesRequired) {
        ConfigNode top = ConfigNode.read(file, "a list of 'targets'");
        top.rejectUnknownKeys(TOP_KEYS);
        List<ConfigNode> nodes = top.list("targets", MAX_TARGETS,
                "an uptime file holds at most " + MAX_TARGETS + " targets");
        if (nodes.isEmpty()) {
            throw top.error("targets", "is missing or empty; list the endpoints to watch (url, status, body)");
        }
        List<UptimeTarget> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : nodes) {
            if (namesRequired && !node.has("name")) {
                throw node.error("name", "is missing; inside launchguard run every target needs a name (its metric "
                        + "tag, which is never a URL)");
            }
            UptimeTarget target = target(node);
            if (!names.add(target.name())) {
                throw node.error("name", "'" + target.name() + "' appears twice; each target needs its own name");
            }
            targets.add(target);
        }
        return new Settings(targets, top.duration("certificateWarning").orElse(DEFAULT_CERT_WARNING));
    }

    private static UptimeTarget target(ConfigNode node) {
        node.rejectUnknownKeys(TARGET_KEYS);
        URI url = node.httpUrl("url", "write the endpoint (https://example.com/)");
        return new UptimeTarget(node.string("name").orElse(url.toString()), url, node.integer("status", 100, 599).orElse(200),
                node.string("body"), node.duration("timeout").orElse(DEFAULT_TIMEOUT),
                node.integer("maxRedirects", 0, 20).orElse(DEFAULT_MAX_REDIRECTS));
    }
}
