package dev.launchguard.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as the router sees it, free of Netty: the method, the request target and the
 * headers a route reads.
 *
 * @param method the HTTP method, upper case as sent
 * @param uri the request target (path and optional query)
 * @param authorization the {@code Authorization} header, if sent
 * @param host the {@code Host} header, if sent
 */
public record ApiRequest(String method, String uri, Optional<String> authorization, Optional<String> host) {

    /** The Host an in-process client on this machine sends. */
    static final String LOCAL_HOST = "127.0.0.1";

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(host, "host");
    }

    /** A request from this machine, addressed to {@code 127.0.0.1}. */
    public ApiRequest(String method, String uri, Optional<String> authorization) {
        this(method, uri, authorization, Optional.of(LOCAL_HOST));
    }

    static ApiRequest of(String method, String uri) {
        return new ApiRequest(method, uri, Optional.empty());
    }
}
