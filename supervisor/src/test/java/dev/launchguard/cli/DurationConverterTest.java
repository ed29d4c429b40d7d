package dev.launchguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line reads durations in the configuration's grammar ({@code DurationSyntax}). */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheConfigurationsForms() {
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesWithTheSameMessageAsTheConfiguration() {
        assertThatThrownBy(() -> converter.convert("8761h")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'8761h' is out of range; a duration is at most 8760h (365 days)");
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'soon' is not a duration; write a number with ms, s, m or h (500ms, 1.5s, 2m, 1h), "
                        + "plain seconds (30) or ISO-8601 (PT15S)");
    }

    @Test
    void theCampaignIntervalAllowsZeroButNotANegativeValue() {
        CampaignCommand.GapConverter gap = new CampaignCommand.GapConverter();

        assertThat(gap.convert("0")).isZero();
        assertThat(gap.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> gap.convert("PT-1S")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'PT-1S' must not be negative");
    }
}
