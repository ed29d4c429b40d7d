package dev.launchguard.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as the router sees it, free of Netty: the method, the request target and the
 * one header any route reads.
 *
 * @param method the HTTP method, upper case as sent
 * @param uri the request target (path and optional query)
 * @param authorization the {@code Authorization} header, if sent
 */
public record ApiRequest(String method, String uri, Optional<String> authorization) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(authorization, "authorization");
    }

    static ApiRequest of(String method, String uri) {
        return new ApiRequest(method, uri, Optional.empty());
    }
}
