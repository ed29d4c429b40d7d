package dev.launchguard.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a positive duration option: {@code 15s}, {@code 500ms}, {@code 2m}, {@code 1h}, plain
 * seconds ({@code 30}), or ISO-8601 ({@code PT30S}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        Duration d = parse(value.strip().toLowerCase(Locale.ROOT));
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be a positive duration");
        }
        return d;
    }

    /** Reads {@code value} (lower case) without judging its sign; {@link #convert} demands a positive one. */
    static Duration parse(String value) {
        Matcher m = WITH_UNIT.matcher(value);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double millisPerUnit = switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> 1;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 1_000;
            };
            return Duration.ofNanos(Math.round(amount * millisPerUnit * 1_000_000));
        }
        try {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use 15s, 500ms, 2m, "
                    + "1h, plain seconds or ISO-8601 (PT15S)");
        }
    }
}
