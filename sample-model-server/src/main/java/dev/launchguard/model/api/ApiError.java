package dev.launchguard.model.api;

/** A request the server refuses, with the status and the message the client gets. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String allow;

    ApiError(int status, String message) {
        this(status, message, null);
    }

    private ApiError(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError methodNotAllowed(String method, String path, String allowed) {
        return new ApiError(405, "method '" + method + "' is not allowed on " + path + ": use " + allowed, allowed);
    }

    int status() {
        return status;
    }

    /** The methods the path accepts, for a 405's Allow header; null otherwise. */
    String allow() {
        return allow;
    }
}
