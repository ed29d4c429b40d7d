package dev.launchguard.api;

import java.util.regex.Pattern;

/**
 * The rule for a launchd Label in an API path: reverse-DNS characters only, so a path segment can
 * never carry a slash, a dot-dot walk, an escape or markup into a lookup, a log line or the page.
 */
public final class Label {

    /** Letters, digits, dot, dash, underscore; launchd allows more, but reverse-DNS labels never need it. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private Label() {
    }

    /** Whether {@code label} may appear in an API path. */
    public static boolean isValid(String label) {
        return VALID.matcher(label).matches() && !label.contains("..");
    }
}
