package dev.launchguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class WaitProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void saysNothingInTheFirstSecondThenAtEveryChangeAndEveryFiveSeconds() {
        WaitProgress progress = new WaitProgress(0);

        assertThat(progress.due(SECOND / 2, "RECOVERING")).as("within the first second").isFalse();
        assertThat(progress.due(SECOND, "RECOVERING")).as("at one second").isTrue();
        assertThat(progress.due(2 * SECOND, "RECOVERING")).as("unchanged").isFalse();
        assertThat(progress.due(3 * SECOND, "READY")).as("changed").isTrue();
        assertThat(progress.due(7 * SECOND, "READY")).isFalse();
        assertThat(progress.due(8 * SECOND, "READY")).as("five seconds after the last").isTrue();
    }

    @Test
    void describesTheStateWithItsReasonWhenItHasOne() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(WaitProgress.describe(json.readTree("{\"state\":\"READY\",\"reason\":null}"))).isEqualTo("READY");
        assertThat(WaitProgress.describe(json.readTree("{\"state\":\"QUARANTINED\",\"reason\":\"5 restarts\"}")))
                .isEqualTo("QUARANTINED — 5 restarts");
    }
}
