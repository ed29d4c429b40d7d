package dev.launchguard.testing;

/**
 * What the fuzz targets demand of a refusal: launchguard's own exception type (anything else is a
 * finding), a message that names the source, and one line, the form every refusal is logged in.
 */
public final class Refusals {

    private Refusals() {
    }

    /** Fails when {@code e}'s message is missing, does not start with {@code source}, or spans lines. */
    public static void oneLine(RuntimeException e, String source) {
        String message = e.getMessage();
        if (message == null || !message.startsWith(source)) {
            throw new AssertionError("a refusal that does not name " + source + ": " + message, e);
        }
        if (message.contains("\n") || message.contains("\r")) {
            throw new AssertionError("a refusal of more than one line: " + message, e);
        }
    }
}
