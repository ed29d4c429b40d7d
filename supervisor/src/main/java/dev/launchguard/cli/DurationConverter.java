package dev.launchguard.cli;

import dev.launchguard.duration.DurationSyntax;
import dev.launchguard.duration.InvalidDurationException;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Reads a positive duration option in the configuration's grammar ({@link DurationSyntax}):
 * {@code 15s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}, plain seconds ({@code 30}), or
 * ISO-8601 ({@code PT30S}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return read(value, DurationSyntax::positive);
    }

    /** {@code value} read as a duration that may be zero, for options such as {@code --interval}. */
    static Duration zeroOrMore(String value) {
        return read(value, DurationSyntax::parse);
    }

    private static Duration read(String value, Function<String, Duration> syntax) {
        try {
            return syntax.apply(value);
        } catch (InvalidDurationException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
