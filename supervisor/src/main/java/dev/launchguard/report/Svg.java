package dev.launchguard.report;

import dev.launchguard.markup.Markup;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG 1.1 writer: elements with attributes, escaped text, numbers with at most two
 * decimals. The document is self-contained: no DOCTYPE, no external fonts, stylesheets, images or
 * scripts; text uses the generic {@code sans-serif} family, so any browser renders it.
 */
final class Svg {

    /** Colours of the series, one per job in name order: the Okabe–Ito palette, readable by colour-blind eyes. */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442", "#999999");
    /** The target line: a red no series uses. */
    static final String TARGET_COLOUR = "#C00000";
    static final String INK = "#222222";
    static final String GRID = "#DDDDDD";

    private final double width;
    private final double height;
    private final String title;
    private final StringBuilder body = new StringBuilder();

    Svg(double width, double height, String title) {
        this.width = width;
        this.height = height;
        this.title = title;
    }

    static String colour(int seriesIndex) {
        return PALETTE.get(seriesIndex % PALETTE.size());
    }

    /** Opens {@code <tag attrs...>}; {@code attributes} are name, value pairs. */
    Svg open(String tag, String... attributes) {
        body.append('<').append(tag);
        attributes(attributes);
        body.append(">\n");
        return this;
    }

    Svg close(String tag) {
        body.append("</").append(tag).append(">\n");
        return this;
    }

    /** An empty element {@code <tag attrs.../>}. */
    Svg empty(String tag, String... attributes) {
        body.append('<').append(tag);
        attributes(attributes);
        body.append("/>\n");
        return this;
    }

    /** An element with text content, such as {@code <text>} or {@code <title>}. */
    Svg text(String tag, String content, String... attributes) {
        body.append('<').append(tag);
        attributes(attributes);
        body.append('>').append(Markup.escape(content)).append("</").append(tag).append(">\n");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, String... more) {
        return empty("line", concat(new String[] {"x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2),
            "stroke", stroke}, more));
    }

    /** A {@code <text>} at (x, y); {@code anchor} is start, middle or end. */
    Svg label(double x, double y, String anchor, String content, String... more) {
        return text("text", content, concat(new String[] {"x", num(x), "y", num(y), "text-anchor", anchor}, more));
    }

    String render() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + num(width) + "\" height=\""
                + num(height) + "\" viewBox=\"0 0 " + num(width) + " " + num(height)
                + "\" font-family=\"sans-serif\" font-size=\"12\" fill=\"" + INK + "\">\n"
                + "<title>" + Markup.escape(title) + "</title>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n"
                + body
                + "</svg>\n";
    }

    private void attributes(String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            body.append(' ').append(attributes[i]).append("=\"").append(Markup.escape(attributes[i + 1])).append('"');
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** A coordinate: two decimals at most, no exponent, a dot whatever the locale. */
    static String num(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        text = text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
        return "-0".equals(text) ? "0" : text;
    }
}
