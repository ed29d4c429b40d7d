package dev.launchguard.adopt;

import java.util.regex.Pattern;

/** Scalars and comments as launchguard.yaml is written by hand: strings quoted only when they must be. */
final class YamlText {

    /** Characters a plain scalar of a URL, label, path or address may hold here without quoting. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./~][A-Za-z0-9_./~:@\\[\\]+-]*");

    private YamlText() {
    }

    /** The string as a YAML scalar: plain when that reads back the same, else single-quoted. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !value.endsWith(":") && !value.contains(": ")
                && !value.matches("(?i)true|false|yes|no|on|off|null|~|[-+0-9.].*")) {
            return value;
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** A comment line at {@code indent}; {@code text} may not hold a line break (one is replaced by a space). */
    static String comment(String indent, String text) {
        return indent + "# " + text.replaceAll("[\\r\\n]+", " ");
    }
}
