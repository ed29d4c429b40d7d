package dev.launchguard.api;

import dev.launchguard.markup.Markup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The status pages' two assets, read once from the jar, and the headers every page carries: the
 * strict Content-Security-Policy, no framing, no referrer.
 */
final class PageAssets {

    static final String CSS_PATH = "/page.css";
    static final String JS_PATH = "/page.js";

    private static final String CSS = load("page.css");
    private static final String JS = load("page.js");

    private PageAssets() {
    }

    static ApiResponse answer(String path) {
        return secure(path.equals(CSS_PATH) ? ApiResponse.text(200, "text/css; charset=utf-8", CSS)
                : ApiResponse.text(200, "text/javascript; charset=utf-8", JS));
    }

    static ApiResponse page(int status, String html) {
        return secure(ApiResponse.text(status, ApiResponse.HTML, html));
    }

    /** A page that says what went wrong (a bad label, an unknown job, sign in first) in a sentence. */
    static ApiResponse problem(int status, String message) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(status).append(" · launchguard</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/page.css\">\n</head>\n<body>\n<header>")
                .append("<a class=\"brand\" href=\"/\">launchguard</a></header>\n<main>\n<h1>").append(status)
                .append("</h1>\n<p class=\"problem\">").append(Markup.escapeContent(message))
                .append("</p>\n<p><a href=\"/\">all jobs</a></p>\n</main>\n</body>\n</html>\n");
        return page(status, html.toString());
    }

    static ApiResponse redirect(String to) {
        return secure(new ApiResponse(303, ApiResponse.TEXT, new byte[0], Map.of("Location", to)));
    }

    private static ApiResponse secure(ApiResponse response) {
        return response.withHeader("Content-Security-Policy", PageHtml.CONTENT_SECURITY_POLICY)
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer");
    }

    private static String load(String name) {
        try (InputStream in = PageAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the status page's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the status page's " + name + " could not be read from the jar", e);
        }
    }
}
