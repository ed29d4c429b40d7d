package dev.launchguard.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which {@code Host} headers the API answers, against DNS rebinding: a web page in the operator's
 * browser can make its own name resolve to 127.0.0.1, but its requests then carry that name. So the
 * API answers only {@code localhost}, IP literals (a page served from an IP literal is that address's
 * own origin, never a rebound one) and the names configured in {@code api.hosts}.
 */
final class HostPolicy {

    /** The answer for one request. */
    enum Verdict { ACCEPTED, FOREIGN }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+(%[0-9A-Za-z._~-]+)?]");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");

    private final Set<String> names;

    private HostPolicy(Set<String> names) {
        this.names = names;
    }

    /** {@code localhost} plus {@code configured} (case-insensitive). */
    static HostPolicy of(List<String> configured) {
        Set<String> names = new TreeSet<>();
        names.add("localhost");
        configured.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return new HostPolicy(Set.copyOf(names));
    }

    static HostPolicy loopbackOnly() {
        return of(List.of());
    }

    Verdict check(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            // Browsers always send Host, so a request without one (HTTP/1.0 tools) cannot be a rebinding page's.
            return Verdict.ACCEPTED;
        }
        String host = PORT.matcher(header.get().trim()).replaceFirst("");
        if (IPV4.matcher(host).matches() || IPV6.matcher(host).matches()) {
            return Verdict.ACCEPTED;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return names.contains(name.toLowerCase(Locale.ROOT)) ? Verdict.ACCEPTED : Verdict.FOREIGN;
    }

    /** The names accepted, for messages. */
    String describe() {
        List<String> configured = names.stream().filter(n -> !n.equals("localhost")).toList();
        return configured.isEmpty() ? "localhost or an IP address"
                : "localhost, an IP address or " + String.join(", ", configured);
    }
}
