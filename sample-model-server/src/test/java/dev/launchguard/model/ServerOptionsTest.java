package dev.launchguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaultsToLoopbackNoWarmupNoChaosAndATenSecondDrain() {
        assertThat(ServerOptions.parse("--port", "8080"))
                .isEqualTo(new ServerOptions("127.0.0.1", 8080, 0, false, Duration.ofSeconds(10)));
    }

    @Test
    void readsEveryOption() {
        assertThat(ServerOptions.parse("--port", "0", "--warmup", "40", "--chaos", "--drain-timeout", "1500ms",
                "--host", "::1"))
                .isEqualTo(new ServerOptions("::1", 0, 40, true, Duration.ofMillis(1500)));
    }

    @Test
    void refusesBadCommandLinesNamingTheOption() {
        assertThatThrownBy(() -> ServerOptions.parse()).hasMessage("option '--port' is required");
        assertThatThrownBy(() -> ServerOptions.parse("--port")).hasMessage("option '--port' needs a value");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "http")).hasMessage("'--port' http is not a whole number");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "70000")).hasMessage("'--port' 70000 is out of range 0..65535");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "1", "--warmup", "-1"))
                .hasMessage("'--warmup' -1 is out of range 0..10000");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "1", "--drain-timeout", "10"))
                .hasMessage("'--drain-timeout' 10 is not a duration: use e.g. 250ms, 2s or 1m");
        assertThatThrownBy(() -> ServerOptions.parse("--port", "1", "--verbose")).hasMessage("option '--verbose' is unknown");
    }

    @Test
    void durationsTakeMillisecondsSecondsAndMinutes() {
        assertThat(DurationText.parse("x", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("x", "2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationText.parse("x", "1m")).isEqualTo(Duration.ofMinutes(1));
    }
}
