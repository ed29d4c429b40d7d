package dev.launchguard.adopt;

import java.util.Optional;

/**
 * What the survey learned of a TLS port's certificate: whether the JVM's default trust store accepts
 * its chain for the host the probe would name ({@code 127.0.0.1} or {@code ::1}), and if not why.
 */
public record Tls(boolean trusted, Optional<String> problem) {
}
