package dev.launchguard.fleet;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Which piece of a job's log to read.
 *
 * @param stream stdout ({@code StandardOutPath}) or stderr ({@code StandardErrorPath})
 * @param offset where to start; empty for the last {@code limit} bytes, from a line boundary
 * @param limit the most bytes to return
 */
public record LogRequest(Stream stream, OptionalLong offset, int limit) {

    /** Which of the job's two files. */
    public enum Stream {
        STDOUT("StandardOutPath"), STDERR("StandardErrorPath");

        private final String plistKey;

        Stream(String plistKey) {
            this.plistKey = plistKey;
        }

        /** The plist key that names the file. */
        public String plistKey() {
            return plistKey;
        }
    }

    public LogRequest {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(offset, "offset");
        if (limit <= 0) {
            throw new IllegalArgumentException("a log read's limit must be positive, not " + limit);
        }
        if (offset.isPresent() && offset.getAsLong() < 0) {
            throw new IllegalArgumentException("a log read's offset must not be negative, not " + offset.getAsLong());
        }
    }
}
