package dev.launchguard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads the {@code api} block and checks it against the listen address. */
final class ApiReader {

    private static final Set<String> API_KEYS = Set.of("hosts", "requestTimeout", "maxConnections", "tls");
    private static final Set<String> TLS_KEYS = Set.of("certificate", "key");
    /** A DNS name: labels of letters, digits and '-', dot-separated (RFC 1123). */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    /** Below this a browser's page load (a few requests) already risks a 408. */
    private static final int MIN_CONNECTIONS = 4;
    private static final int MAX_CONNECTIONS = 65_536;

    private final Function<String, Path> paths;

    ApiReader(Function<String, Path> paths) {
        this.paths = paths;
    }

    ApiConfig read(Optional<ConfigNode> block, ConfigNode top, String listenHost) {
        ApiConfig api = block.map(this::read).orElse(ApiConfig.defaults());
        if (api.tls().isEmpty() && !isLoopback(listenHost)) {
            throw top.error("listen", "'" + listenHost + "' is not a loopback address: serving the API beyond this "
                    + "machine needs TLS (set api.tls.certificate and api.tls.key), or listen on 127.0.0.1");
        }
        return api;
    }

    private ApiConfig read(ConfigNode node) {
        node.rejectUnknownKeys(API_KEYS);
        List<String> hosts = node.strings("hosts").orElse(List.of());
        for (int i = 0; i < hosts.size(); i++) {
            if (!HOST_NAME.matcher(hosts.get(i)).matches()) {
                throw node.error("hosts[" + i + "]", "'" + hosts.get(i) + "' is not a host name (letters, digits, '-' "
                        + "and '.', no port): the names this API may be addressed by, e.g. mac-studio.local");
            }
        }
        OptionalInt max = node.integer("maxConnections", MIN_CONNECTIONS, MAX_CONNECTIONS)
                .map(OptionalInt::of).orElse(OptionalInt.empty());
        Optional<ApiConfig.Tls> tls = node.child("tls").map(this::tls);
        return new ApiConfig(hosts, node.duration("requestTimeout").orElse(ConfigDefaults.API_REQUEST_TIMEOUT), max, tls);
    }

    private ApiConfig.Tls tls(ConfigNode node) {
        node.rejectUnknownKeys(TLS_KEYS);
        String missing = "is missing; the API's TLS needs a PEM certificate chain and its PEM private key";
        Path certificate = paths.apply(node.string("certificate").orElseThrow(() -> node.error("certificate", missing)));
        Path key = paths.apply(node.string("key").orElseThrow(() -> node.error("key", missing)));
        return new ApiConfig.Tls(certificate, key);
    }

    /** A loopback IP literal or {@code localhost}; a name is never resolved here (that could call out). */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
