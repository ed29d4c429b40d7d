package dev.launchguard.config;

import dev.launchguard.duration.DurationSyntax;
import dev.launchguard.probe.ProbeHeaders;
import dev.launchguard.probe.ProbeSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads one entry of {@code jobs}: its label, its three probe roles and its policies. */
final class JobReader {

    private static final Set<String> JOB_KEYS = Set.of("label", "startup", "liveness", "readiness", "recovery", "storm");
    /** launchd labels are reverse-DNS names; they also become metric tags and URL path segments. */
    private static final Set<String> PROBE_KEYS = Set.of("http", "tcp", "method", "body", "contentType",
            "expectStatus", "bodyContains", "tlsVerify", "headersFile", "interval", "timeout", "failureThreshold",
            "successThreshold");
    private static final Set<String> STARTUP_KEYS;

    static {
        Set<String> keys = new java.util.HashSet<>(PROBE_KEYS);
        keys.add("budget");
        STARTUP_KEYS = Set.copyOf(keys);
    }

    /** Defaults for one probe role. */
    private record RoleDefaults(Duration interval, Duration timeout, int failures) {
    }

    private static final RoleDefaults STARTUP = new RoleDefaults(ConfigDefaults.STARTUP_INTERVAL,
            ConfigDefaults.STARTUP_TIMEOUT, 1);
    private static final RoleDefaults LIVENESS = new RoleDefaults(ConfigDefaults.LIVENESS_INTERVAL,
            ConfigDefaults.LIVENESS_TIMEOUT, ConfigDefaults.LIVENESS_FAILURES);
    private static final RoleDefaults READINESS = new RoleDefaults(ConfigDefaults.READINESS_INTERVAL,
            ConfigDefaults.READINESS_TIMEOUT, ConfigDefaults.READINESS_FAILURES);

    private final ConfigNode job;
    private final java.util.function.Function<String, java.nio.file.Path> paths;

    JobReader(ConfigNode job, java.util.function.Function<String, java.nio.file.Path> paths) {
        this.job = job;
        this.paths = paths;
    }

    JobConfig read() {
        job.rejectUnknownKeys(JOB_KEYS);
        String label = job.string("label").orElseThrow(() -> job.error("label", "is missing; every job names its launchd Label"));
        if (!JobConfig.acceptsLabel(label)) {
            throw job.error("label", "'" + label + "' is not a reverse-DNS launchd Label (com.example.web)");
        }
        if (!job.has("liveness")) {
            throw job.error("liveness", "is missing; give at least a liveness URL (http://127.0.0.1:8080/healthz)");
        }
        Optional<ProbeConfig> startup = probe("startup", STARTUP, STARTUP_KEYS);
        Duration budget = job.child("startup").flatMap(s -> s.duration("budget")).orElse(ConfigDefaults.STARTUP_BUDGET);
        ProbeConfig liveness = probe("liveness", LIVENESS, PROBE_KEYS).orElseThrow();
        Optional<ProbeConfig> readiness = probe("readiness", READINESS, PROBE_KEYS);
        RecoveryPolicy recovery = job.child("recovery").map(ConfigLoader::recovery)
                .orElse(new RecoveryPolicy(ConfigDefaults.FAST_INTERVAL, ConfigDefaults.READY_BUDGET,
                        ConfigDefaults.OVERLOAD_GRACE));
        StormPolicy storm = job.child("storm").map(ConfigLoader::storm)
                .orElse(new StormPolicy(ConfigDefaults.STORM_MAX_RESTARTS, ConfigDefaults.STORM_WINDOW,
                        ConfigDefaults.STORM_BACKOFF));
        List<Integer> ports = new ArrayList<>();
        for (Optional<ProbeConfig> p : List.of(startup, Optional.of(liveness), readiness)) {
            p.map(c -> port(c.spec())).filter(port -> !ports.contains(port)).ifPresent(ports::add);
        }
        return new JobConfig(label, startup, budget, liveness, readiness, recovery, storm, ports);
    }

    private static int port(ProbeSpec spec) {
        return spec instanceof ProbeSpec.Http ? ((ProbeSpec.Http) spec).port() : ((ProbeSpec.Tcp) spec).port();
    }

    /** A probe role, given either as a bare URL or as a mapping. */
    private Optional<ProbeConfig> probe(String role, RoleDefaults defaults, Set<String> keys) {
        if (!job.has(role)) {
            return Optional.empty();
        }
        if (job.isText(role)) {
            String url = job.string(role).orElseThrow();
            ProbeSpec spec = http(job, role, url, 200, Optional.empty(), true);
            return Optional.of(new ProbeConfig(spec, defaults.interval(), defaults.timeout(), defaults.failures(),
                    ConfigDefaults.SUCCESSES));
        }
        ConfigNode node = job.child(role).orElseThrow();
        node.rejectUnknownKeys(keys);
        ProbeSpec spec = spec(node);
        Duration interval = node.duration("interval").orElse(defaults.interval());
        Duration timeout = node.duration("timeout").orElse(defaults.timeout().compareTo(interval) < 0
                ? defaults.timeout() : interval.dividedBy(2));
        if (timeout.compareTo(interval) >= 0) {
            throw node.error("timeout", text(timeout) + " must be shorter than interval " + text(interval));
        }
        int failures = node.integer("failureThreshold", 1, 100).orElse(defaults.failures());
        int successes = node.integer("successThreshold", 1, 100).orElse(ConfigDefaults.SUCCESSES);
        return Optional.of(new ProbeConfig(spec, interval, timeout, failures, successes));
    }

    private ProbeSpec spec(ConfigNode node) {
        boolean http = node.has("http");
        boolean tcp = node.has("tcp");
        if (http == tcp) {
            throw node.error("give exactly one of 'http' (a URL) or 'tcp' (HOST:PORT)");
        }
        if (tcp) {
            for (String httpOnly : List.of("method", "body", "contentType", "expectStatus", "bodyContains", "tlsVerify",
                    "headersFile")) {
                if (node.has(httpOnly)) {
                    throw node.error(httpOnly, "applies only to http probes");
                }
            }
            return tcp(node, node.string("tcp").orElseThrow());
        }
        int status = node.integer("expectStatus", 100, 599).orElse(200);
        Optional<String> body = node.string("body");
        String method = node.string("method").map(m -> m.toUpperCase(java.util.Locale.ROOT))
                .orElse(body.isPresent() ? "POST" : "GET");
        if (!ProbeSpec.Http.METHODS.contains(method)) {
            throw node.error("method", "'" + method + "' is not a probe method; allowed: GET, HEAD, POST");
        }
        if (body.isPresent() && !method.equals("POST")) {
            throw node.error("body", "is sent only with method POST, not " + method);
        }
        URI uri = uri(node, "http", node.string("http").orElseThrow());
        ProbeHeaders headers = node.string("headersFile")
                .map(f -> HeadersFile.read(node, "headersFile", paths.apply(f))).orElse(ProbeHeaders.none());
        return new ProbeSpec.Http(uri, method, body, node.string("contentType").orElse("application/json"), status,
                node.string("bodyContains"), node.bool("tlsVerify").orElse(true), headers);
    }

    private static ProbeSpec http(ConfigNode node, String key, String url, int status, Optional<String> body,
            boolean verify) {
        return new ProbeSpec.Http(uri(node, key, url), status, body, verify);
    }

    private static URI uri(ConfigNode node, String key, String url) {
        try {
            URI uri = new URI(url);
            new ProbeSpec.Http(uri, 200, Optional.empty(), true);
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw node.error(key, "'" + url + "' is not an http(s) URL with a host (http://127.0.0.1:8080/healthz)");
        }
    }

    private static ProbeSpec tcp(ConfigNode node, String value) {
        int colon = value.lastIndexOf(':');
        String port = colon < 0 ? "" : value.substring(colon + 1);
        if (colon <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw node.error("tcp", "'" + value + "' must be HOST:PORT with a port from 1 to 65535");
        }
        String host = value.substring(0, colon).replace("[", "").replace("]", "");
        return new ProbeSpec.Tcp(host, Integer.parseInt(port));
    }

    /** Durations as the user writes them: 500ms, 10s. */
    static String text(Duration d) {
        return DurationSyntax.text(d);
    }
}
