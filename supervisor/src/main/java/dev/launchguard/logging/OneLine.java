package dev.launchguard.logging;

import java.util.Locale;

/**
 * Text from a file or a client made safe for one log line: control characters (a newline, a
 * carriage return, an escape) and the Unicode line separators are written as {@code \\uXXXX}, so a
 * key, a value or a file name never splits a refusal across lines or forges the next log line.
 */
public final class OneLine {

    private OneLine() {
    }

    public static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
