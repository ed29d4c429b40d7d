package dev.launchguard.uptime;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint the uptime watcher asks: what answer counts as up, and how long to wait for it.
 *
 * @param status the status expected after redirects are followed
 * @param body text the final answer's body must contain, when given
 * @param maxRedirects how many redirects to follow before calling the endpoint down
 */
public record UptimeTarget(String name, URI url, int status, Optional<String> body, Duration timeout, int maxRedirects) {

    public UptimeTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
        if (status < 100 || status > 599 || maxRedirects < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("uptime target '" + name + "' has a status outside 100-599, "
                    + "a negative redirect bound or a timeout that is not positive");
        }
    }
}
