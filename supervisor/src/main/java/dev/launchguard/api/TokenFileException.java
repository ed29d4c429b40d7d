package dev.launchguard.api;

/** The bearer token file cannot be used; the message names the file and what is wrong with it. */
public class TokenFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TokenFileException(String message) {
        super(message);
    }

    TokenFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
