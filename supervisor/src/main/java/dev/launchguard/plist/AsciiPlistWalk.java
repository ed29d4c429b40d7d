package dev.launchguard.plist;

import static dev.launchguard.plist.PlistLimits.MAX_DEPTH;
import static dev.launchguard.plist.PlistLimits.MAX_VALUES;
import static dev.launchguard.plist.PlistLimits.MAX_VALUE_CHARS;
import static dev.launchguard.plist.PlistLimits.tooDeep;
import static dev.launchguard.plist.PlistLimits.tooLong;
import static dev.launchguard.plist.PlistLimits.tooMany;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The limits' pass over an old-style (OpenStep) ASCII plist. */
final class AsciiPlistWalk {

    private AsciiPlistWalk() {
    }

    static void check(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int depth = 0;
        int values = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    char inside = text.charAt(end);
                    if (isControl(inside)) {
                        throw control(source, inside, " in a string");
                    }
                    end += inside == '\\' ? 2 : 1;
                }
                if (end - i - 1 > MAX_VALUE_CHARS) {
                    throw tooLong(source, "", end - i - 1);
                }
                i = end + 1;
                continue;
            }
            if (c == '/' && i + 1 < text.length() && (text.charAt(i + 1) == '*' || text.charAt(i + 1) == '/')) {
                int end = text.charAt(i + 1) == '*' ? text.indexOf("*/", i + 2) : text.indexOf('\n', i + 2);
                i = end < 0 ? text.length() : end + 1;
                continue;
            }
            if (isControl(c)) {
                // dd-plist's old-style parser mangles them, and no XML plist could carry them.
                throw control(source, c, "");
            }
            if (c == '(' || c == '{' || c == '<') {
                if (++depth > MAX_DEPTH) {
                    throw tooDeep(source, "");
                }
            } else if (c == ')' || c == '}' || c == '>') {
                depth--;
            } else if ((c == ',' || c == ';' || c == '=') && ++values > MAX_VALUES) {
                throw tooMany(source, "");
            }
            i++;
        }
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    private static PlistException control(String source, char c, String where) {
        return new PlistException(source, "", String.format(Locale.ROOT, "holds the control character U+%04X%s; "
                + "allowed: text without control characters other than tab, newline and carriage return", (int) c, where));
    }
}
