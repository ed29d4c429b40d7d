package dev.launchguard.probe;

import java.time.Instant;
import java.util.Objects;

/**
 * What a TLS handshake showed of the server's certificate chain.
 *
 * @param subject the leaf certificate's subject
 * @param issuer the leaf certificate's issuer
 * @param leafNotAfter when the leaf certificate expires
 * @param earliestNotAfter the earliest expiry anywhere in the served chain (an intermediate can
 *     expire before the leaf)
 * @param protocol the negotiated protocol, such as TLSv1.3
 */
public record TlsDetails(String subject, String issuer, Instant leafNotAfter, Instant earliestNotAfter,
        String protocol) {

    public TlsDetails {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(leafNotAfter, "leafNotAfter");
        Objects.requireNonNull(earliestNotAfter, "earliestNotAfter");
        Objects.requireNonNull(protocol, "protocol");
    }
}
