package dev.launchguard.duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationSyntaxTest {

    private static final String ALLOWED = "write a number with ms, s, m or h (500ms, 1.5s, 2m, 1h), plain seconds (30) "
            + "or ISO-8601 (PT15S)";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        250ms          | PT0.25S
        5s             | PT5S
        2m             | PT2M
        1h             | PT1H
        5S             | PT5S
        1H             | PT1H
        1.5s           | PT1.5S
        0.5ms          | PT0.0005S
        '1 h'          | PT1H
        30             | PT30S
        '  10s  '      | PT10S
        PT15S          | PT15S
        pt1m30s        | PT1M30S
        P1D            | PT24H
        8760h          | PT8760H
        31536000000ms  | PT8760H
        """)
    void readsEveryFormTheConfigOrTheCommandLineAccepted(String text, String expected) {
        assertThat(DurationSyntax.positive(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        fast                   | 'fast' is not a duration; %s
        5 sec                  | '5 sec' is not a duration; %s
        -5s                    | '-5s' is not a duration; %s
        1.s                    | '1.s' is not a duration; %s
        10d                    | '10d' is not a duration; %s
        ""                     | '' is not a duration; %s
        PT-5S                  | 'PT-5S' must not be negative
        0s                     | '0s' must be longer than zero
        PT0S                   | 'PT0S' must be longer than zero
        8761h                  | '8761h' is out of range; a duration is at most 8760h (365 days)
        31536000001ms          | '31536000001ms' is out of range; a duration is at most 8760h (365 days)
        99999999999999999999s  | '99999999999999999999s' is out of range; a duration is at most 8760h (365 days)
        P366D                  | 'P366D' is out of range; a duration is at most 8760h (365 days)
        PT9999999999999999999H | 'PT9999999999999999999H' is not a duration; %s
        """)
    void refusesWithTheValueAndWhatIsAllowed(String text, String message) {
        assertThatThrownBy(() -> DurationSyntax.positive(text)).isInstanceOf(InvalidDurationException.class)
                .hasMessage(message.formatted(ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, PT0S", "0s, PT0S", "PT0S, PT0S", "0.0ms, PT0S"})
    void parseAllowsZeroWherePositiveDoesNot(String text, String expected) {
        assertThat(DurationSyntax.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        PT0.5S    | 500ms
        PT1.5S    | 1500ms
        PT10S     | 10s
        PT90S     | 90s
        PT2M      | 2m
        PT1H      | 1h
        PT0S      | 0s
        """)
    void writesADurationAsTheConfigDoesAndReadsItBack(Duration d, String text) {
        assertThat(DurationSyntax.text(d)).isEqualTo(text);
        assertThat(DurationSyntax.parse(text)).isEqualTo(d);
    }
}
