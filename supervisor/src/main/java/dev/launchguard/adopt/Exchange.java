package dev.launchguard.adopt;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * One step of a port survey as it happened on the wire: a request and what answered it, or the
 * connect that read the port's first bytes ({@code method} {@code CONNECT}, {@code path} empty,
 * never counted as a request: nothing is sent).
 *
 * @param status the HTTP status, when an HTTP reply came
 * @param took from the connect to the end of the answer (or to the deadline)
 * @param note what a person should know, e.g. {@code x-powered-by: Next.js}, {@code timed out after 1500ms}
 */
public record Exchange(String method, String path, OptionalInt status, Duration took, String note) {

    /** The method of the step that only connects and reads what the port says first. */
    public static final String CONNECT = "CONNECT";

    /** {@code GET /v1/models → 200 in 4ms, models: all-minilm-l6-v2}: the line a why quotes. */
    public String line() {
        String answer = status.isPresent() ? String.valueOf(status.getAsInt()) : "no HTTP answer";
        String head = method.equals(CONNECT) ? "connect" : method + " " + path + " → " + answer;
        return head + " in " + Durations.took(took) + (note.isEmpty() ? "" : ", " + note);
    }
}
