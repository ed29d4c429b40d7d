package dev.launchguard.watch;

import dev.launchguard.config.ConfigNode;
import java.net.URI;
import java.net.URISyntaxException;
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
        ConfigNode top = ConfigNode.read(file, "a list of 'targets'");
        top.rejectUnknownKeys(TOP_KEYS);
        List<ConfigNode> nodes = top.list("targets");
        if (nodes.isEmpty()) {
            throw top.error("targets", "is missing or empty; list the endpoints to watch (url, status, body)");
        }
        List<UptimeTarget> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode node : nodes) {
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
        String text = node.string("url").orElseThrow(() -> node.error("url", "is missing; write the endpoint (https://example.com/)"));
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw node.error("url", "'" + text + "' is not a URL: " + e.getReason());
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw node.error("url", "'" + text + "' must be an http:// or https:// URL with a host");
        }
        return new UptimeTarget(node.string("name").orElse(text), url, node.integer("status", 100, 599).orElse(200),
                node.string("body"), node.duration("timeout").orElse(DEFAULT_TIMEOUT),
                node.integer("maxRedirects", 0, 20).orElse(DEFAULT_MAX_REDIRECTS));
    }
}
