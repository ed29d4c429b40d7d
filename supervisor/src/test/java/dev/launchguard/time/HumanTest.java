package dev.launchguard.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanTest {

    @Test
    void agesReadAsAnOperatorSaysThemWithTheTwoLargestUnits() {
        assertThat(Human.age(Duration.ofMillis(900))).isEqualTo("0s");
        assertThat(Human.age(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Human.age(Duration.ofSeconds(200))).isEqualTo("3m 20s");
        assertThat(Human.age(Duration.ofSeconds(7_500))).isEqualTo("2h 5m");
        assertThat(Human.age(Duration.ofHours(76))).isEqualTo("3d 4h");
    }

    @Test
    void aNegativeAgeFromClockSkewReadsZeroNotMinus() {
        assertThat(Human.age(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    @Test
    void sizesAreInBinaryUnitsWithOneDecimal() {
        assertThat(Human.bytes(512)).isEqualTo("512 B");
        assertThat(Human.bytes(1_572_864)).isEqualTo("1.5 MiB");
        assertThat(Human.bytes(3L << 30)).isEqualTo("3.0 GiB");
    }
}
