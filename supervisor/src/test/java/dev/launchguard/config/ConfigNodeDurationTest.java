package dev.launchguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configuration reads durations in the command line's grammar too, and refuses them with its key path. */
class ConfigNodeDurationTest {

    private static ConfigNode node(String yaml) throws Exception {
        return new ConfigNode("launchguard.yaml", "jobs[0].liveness", new ObjectMapper(new YAMLFactory()).readTree(yaml));
    }

    @Test
    void readsTheFormsTheCommandLineAlwaysAccepted() throws Exception {
        ConfigNode n = node("a: 1.5s\nb: PT15S\nc: 30\nd: '45'\ne: 2 m\n");

        assertThat(n.duration("a")).contains(Duration.ofMillis(1500));
        assertThat(n.duration("b")).contains(Duration.ofSeconds(15));
        assertThat(n.duration("c")).contains(Duration.ofSeconds(30));
        assertThat(n.duration("d")).contains(Duration.ofSeconds(45));
        assertThat(n.duration("e")).contains(Duration.ofMinutes(2));
    }

    @Test
    void refusesAnUnreadableValueNamingFileKeyAndWhatIsAllowed() throws Exception {
        assertThatThrownBy(() -> node("interval: soon\n").duration("interval")).isInstanceOf(ConfigException.class)
                .hasMessage("launchguard.yaml: jobs[0].liveness.interval: 'soon' is not a duration; write a number with "
                        + "ms, s, m or h (500ms, 1.5s, 2m, 1h), plain seconds (30) or ISO-8601 (PT15S)");
    }

    @Test
    void refusesAMappingAsADuration() throws Exception {
        assertThatThrownBy(() -> node("interval: {s: 5}\n").duration("interval"))
                .hasMessageStartingWith("launchguard.yaml: jobs[0].liveness.interval: a mapping is not a duration; write");
    }

    @Test
    void refusesANegativeIsoDuration() throws Exception {
        assertThatThrownBy(() -> node("timeout: PT-1S\n").duration("timeout"))
                .hasMessage("launchguard.yaml: jobs[0].liveness.timeout: 'PT-1S' must not be negative");
    }
}
