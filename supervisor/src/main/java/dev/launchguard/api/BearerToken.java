package dev.launchguard.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The secret that state-changing API calls must present as {@code Authorization: Bearer <token>}. */
final class BearerToken {

    /** What a presented {@code Authorization} header amounts to. */
    enum Check { MISSING, WRONG, ACCEPTED }

    private static final String SCHEME = "bearer ";
    private static final String BASIC = "basic ";

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

    /**
     * A browser's way to present the token: HTTP Basic credentials whose password is the token (the
     * user name is ignored). Accepted for reading pages, evidence and logs only, never for a
     * mutation: a browser resends cached Basic credentials on a cross-site form post too.
     */
    Check checkBasic(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return Check.MISSING;
        }
        String header = authorization.get().strip();
        if (header.length() <= BASIC.length()
                || !header.substring(0, BASIC.length()).toLowerCase(Locale.ROOT).equals(BASIC)) {
            return Check.MISSING;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Check.WRONG;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Check.WRONG;
        }
        return MessageDigest.isEqual(sha256(decoded.substring(colon + 1)), expectedDigest) ? Check.ACCEPTED
                : Check.WRONG;
    }

    /** Bearer or Basic: what a read of evidence accepts. */
    Check checkRead(Optional<String> authorization) {
        Check bearer = check(authorization);
        return bearer == Check.MISSING ? checkBasic(authorization) : bearer;
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
