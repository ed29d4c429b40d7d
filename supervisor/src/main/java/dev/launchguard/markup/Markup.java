package dev.launchguard.markup;

/**
 * The one HTML and XML escaper: the status page, the report's SVG charts and its Markdown tables
 * all write text through it. No library on the classpath offers one (Netty, Jackson, dd-plist and
 * oshi do not; Guava and commons-text are not dependencies), so it is this one small class.
 *
 * <p>Characters XML 1.0 cannot carry (controls other than tab and line breaks, lone surrogates,
 * U+FFFE and U+FFFF) are dropped: an SVG holding one does not load, and HTML calls them errors.
 */
public final class Markup {

    private Markup() {
    }

    /**
     * {@code text} for an attribute value or element content: {@code & < > " '} become entities
     * ({@code &#39;} for the apostrophe, which HTML and XML both read).
     */
    public static String escape(String text) {
        return escape(text, true);
    }

    /**
     * {@code text} for element content or Markdown prose, where quotes mean nothing: only
     * {@code & < >} become entities, so no tag and no entity can be formed and quotes stay readable.
     */
    public static String escapeContent(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(quotes ? "&quot;" : "\"");
                case '\'' -> out.append(quotes ? "&#39;" : "'");
                default -> {
                    if (xmlChar(c)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** XML 1.0's Char production (section 2.2). */
    private static boolean xmlChar(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || c >= 0x10000;
    }
}
