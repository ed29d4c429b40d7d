package dev.launchguard.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The secret that state-changing API calls must present as {@code Authorization: Bearer <token>}. */
final class BearerToken {

    /** What a presented {@code Authorization} header amounts to. */
    enum Check { MISSING, WRONG, ACCEPTED }

    private static final String SCHEME = "bearer ";

    private final byte[] expectedDigest;

    BearerToken(String token) {
        Objects.requireNonNull(token, "token");
        this.expectedDigest = sha256(token);
    }

    /**
     * Compares in constant time: both sides are hashed first, so neither the length nor a common
     * prefix of the secret shows in how long the comparison takes.
     */
    Check check(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return Check.MISSING;
        }
        String header = authorization.get().strip();
        if (header.length() <= SCHEME.length()
                || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Check.MISSING;
        }
        String presented = header.substring(SCHEME.length()).strip();
        return MessageDigest.isEqual(sha256(presented), expectedDigest) ? Check.ACCEPTED : Check.WRONG;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
