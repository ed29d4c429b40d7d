package dev.launchguard.duration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way launchguard reads a duration a person wrote, in launchguard.yaml, the watchers' files
 * and on the command line: a number with a unit ({@code 500ms}, {@code 1.5s}, {@code 2m},
 * {@code 1h}), plain seconds ({@code 30}) or ISO-8601 ({@code PT15S}). Each caller adds where the
 * value came from to the message of an {@link InvalidDurationException}.
 */
public final class DurationSyntax {

    /** What a duration may look like; every refusal of an unreadable value ends with this. */
    public static final String ALLOWED = "write a number with ms, s, m or h (500ms, 1.5s, 2m, 1h), "
            + "plain seconds (30) or ISO-8601 (PT15S)";
    /** Durations run to a year: longer is a typo, and bounded values never overflow a sum of two. */
    public static final Duration MAX = Duration.ofDays(365);

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(MAX.toNanos());

    private DurationSyntax() {
    }

    /** {@code text} as a duration from zero to {@link #MAX}. */
    public static Duration parse(String text) {
        String value = text.strip();
        Matcher m = WITH_UNIT.matcher(value.toLowerCase(Locale.ROOT));
        Duration d = m.matches() ? withUnit(value, new BigDecimal(m.group(1)), m.group(2) == null ? "s" : m.group(2))
                : iso(value);
        if (d.isNegative()) {
            throw new InvalidDurationException("'" + value + "' must not be negative");
        }
        if (d.compareTo(MAX) > 0) {
            throw outOfRange(value);
        }
        return d;
    }

    /** {@code text} as a duration longer than zero and at most {@link #MAX}. */
    public static Duration positive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new InvalidDurationException("'" + text.strip() + "' must be longer than zero");
        }
        return d;
    }

    /**
     * {@code d} as launchguard writes a duration ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}),
     * to the millisecond; {@link #parse} reads every such text back to the same value.
     */
    public static String text(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        return s != 0 && s % 3600 == 0 ? s / 3600 + "h" : s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static Duration withUnit(String value, BigDecimal amount, String unit) {
        long nanosPerUnit = switch (unit) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        };
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit)).setScale(0, RoundingMode.HALF_UP);
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw outOfRange(value);
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static Duration iso(String value) {
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            // Also an ISO value beyond a long of seconds: java.time reports that overflow as a parse error.
            throw new InvalidDurationException("'" + value + "' is not a duration; " + ALLOWED);
        }
    }

    private static InvalidDurationException outOfRange(String value) {
        return new InvalidDurationException("'" + value + "' is out of range; a duration is at most " + MAX.toHours()
                + "h (" + MAX.toDays() + " days)");
    }
}
