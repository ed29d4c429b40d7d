package dev.launchguard.adopt;

/** What a surveyed port turned out to speak, as far as a few GETs and its first bytes tell. */
public enum Protocol {
    /** Answered HTTP/1.x in plain text. */
    HTTP("HTTP"),
    /** Completed a TLS handshake and answered HTTP over it (certificate checked, not required: see {@link Tls}). */
    HTTPS("HTTPS"),
    REDIS("Redis"),
    POSTGRES("PostgreSQL"),
    MYSQL("MySQL"),
    SSH("SSH"),
    /** Named from its well-known port 11211; no request is sent to it. */
    MEMCACHED("memcached"),
    /** Named from its well-known port 27017; no request is sent to it. */
    MONGODB("MongoDB"),
    /** Answered, but neither HTTP nor a protocol named above. */
    OTHER("an unknown protocol"),
    /** Accepts connections and says nothing, not even to an HTTP request. */
    TCP_SILENT("TCP"),
    /** Refused the connection, or the connect timed out. */
    NO_ANSWER("nothing");

    private final String displayName;

    Protocol(String displayName) {
        this.displayName = displayName;
    }

    /** The name a person knows it by ({@code Redis}, {@code PostgreSQL}), for a why line. */
    public String displayName() {
        return displayName;
    }

    /** A protocol launchguard recognises but does not speak: Redis, PostgreSQL, MySQL, SSH, memcached, MongoDB. */
    public boolean named() {
        return this == REDIS || this == POSTGRES || this == MYSQL || this == SSH || this == MEMCACHED || this == MONGODB;
    }
}
