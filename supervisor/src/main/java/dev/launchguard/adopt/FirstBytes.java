package dev.launchguard.adopt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Names a protocol from the first bytes a port sent: on its own (a banner) or in reply to an HTTP request. */
final class FirstBytes {

    /** A TLS record of type alert (21), version 3.x: a TLS server refusing plain text. */
    private static final byte TLS_ALERT = 0x15;
    /** MySQL's initial handshake packet announces protocol version 10. */
    private static final byte MYSQL_PROTOCOL_10 = 0x0a;
    /** A MySQL error packet, e.g. "Host is not allowed to connect", sent instead of the handshake. */
    private static final byte MYSQL_ERROR = (byte) 0xff;

    private FirstBytes() {
    }

    /** The protocol of a server that speaks first: SSH ({@code SSH-} banner) or MySQL (its handshake packet). */
    static Optional<Protocol> banner(byte[] b) {
        if (startsWith(b, "SSH-")) {
            return Optional.of(Protocol.SSH);
        }
        boolean packet = b.length >= 5 && b[3] == 0 && (b[0] & 0xff | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16) < 4096;
        if (packet && (b[4] == MYSQL_PROTOCOL_10 || b[4] == MYSQL_ERROR)) {
            return Optional.of(Protocol.MYSQL);
        }
        return Optional.empty();
    }

    /** The protocol of a server that answered an HTTP request with something else: Redis or PostgreSQL. */
    static Optional<Protocol> reply(byte[] b) {
        if (startsWith(b, "-ERR") || startsWith(b, "-DENIED") || startsWith(b, "-NOAUTH")) {
            return Optional.of(Protocol.REDIS);
        }
        // PostgreSQL's ErrorResponse: 'E', an Int32 length, then fields tagged S(everity), V, C(ode) or M(essage).
        if (b.length >= 6 && b[0] == 'E' && b[1] == 0 && "SVCM".indexOf(b[5]) >= 0) {
            return Optional.of(Protocol.POSTGRES);
        }
        return banner(b);
    }

    static boolean tlsAlert(byte[] b) {
        return b.length >= 2 && b[0] == TLS_ALERT && b[1] == 0x03;
    }

    /** The first line of {@code b} as text a person can read in a YAML comment: printable ASCII, at most 60 characters. */
    static String printable(byte[] b) {
        StringBuilder out = new StringBuilder();
        for (byte x : b) {
            if (x == '\r' || x == '\n' || out.length() >= 60) {
                break;
            }
            out.append(x >= 0x20 && x < 0x7f ? (char) x : '.');
        }
        return out.toString();
    }

    private static boolean startsWith(byte[] b, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (b.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}
