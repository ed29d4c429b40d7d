package dev.launchguard.adopt;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks one listening loopback port what it is, the way discovery may: {@code GET} only, one short
 * deadline per request, at most {@link Settings#maxRequests} requests, redirects never followed, and
 * never a request that loads a model or changes state. The single exception is one tiny inference
 * ({@code POST}) when {@link Settings#allowInference} says the operator allowed it.
 *
 * <p>Blocking, on the caller's thread; one survey per port, nothing shared between them.
 */
public final class PortSurvey {

    /**
     * @param deadline for one request, connect and answer together
     * @param maxRequests requests sent to one port in total, the inference included
     * @param allowInference send the one tiny inference and time it
     */
    public record Settings(Duration deadline, int maxRequests, boolean allowInference) {

        public Settings {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("survey deadline " + deadline + " must be longer than zero");
            }
            if (maxRequests < 1) {
                throw new IllegalArgumentException("survey maxRequests " + maxRequests + " must be at least 1");
            }
        }

        /** 1500ms a request, 8 requests a port, no inference. */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(1500), 8, false);
        }
    }

    private final Settings settings;

    public PortSurvey(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * What {@code loopback}:{@code port} is. Refuses an address that is not loopback (127.0.0.0/8, ::1)
     * or a port outside 1 to 65535; never throws for what the port does.
     */
    public PortFinding survey(InetAddress loopback, int port) {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("address '" + loopback.getHostAddress()
                    + "' is not loopback; the survey asks only 127.0.0.0/8 or ::1");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range; allowed: 1 to 65535");
        }
        return new Survey(loopback, port, settings).run();
    }
}
