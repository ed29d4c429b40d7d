package dev.launchguard.model.api;

/**
 * One HTTP request as the API sees it, free of Netty types.
 *
 * @param path the path without query string
 * @param fromLoopback whether the peer's address is a loopback address
 */
public record Request(String method, String path, byte[] body, boolean fromLoopback) {

    public Request {
        body = body.clone();
    }

    /** The path split on '/', without empty segments. */
    String[] segments() {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
