package dev.launchguard.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.launchguard.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UptimeFileTest {

    @TempDir
    Path dir;

    private UptimeFile.Settings load(String yaml) throws IOException {
        return UptimeFile.load(Files.writeString(dir.resolve("uptime.yaml"), yaml));
    }

    private String error(String yaml) {
        return catchThrowableOfType(() -> load(yaml), ConfigException.class).getMessage().replace(dir.toString(), "<dir>");
    }

    @Test
    void readsTargetsWithDefaults() throws IOException {
        UptimeFile.Settings settings = load("""
                certificateWarning: 720h
                targets:
                  - url: https://example.com/
                  - name: api health
                    url: https://api.example.com/health
                    status: 204
                    body: ok
                    timeout: 2s
                    maxRedirects: 0
                """);
        assertThat(settings.certificateWarning()).isEqualTo(Duration.ofHours(720));
        assertThat(settings.targets()).containsExactly(
                new UptimeTarget("https://example.com/", URI.create("https://example.com/"), 200, Optional.empty(),
                        UptimeFile.DEFAULT_TIMEOUT, UptimeFile.DEFAULT_MAX_REDIRECTS),
                new UptimeTarget("api health", URI.create("https://api.example.com/health"), 204, Optional.of("ok"),
                        Duration.ofSeconds(2), 0));
    }

    @Test
    void warnsFourteenDaysAheadByDefault() throws IOException {
        assertThat(load("targets:\n  - url: http://localhost/\n").certificateWarning()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void rejectsAUrlThatIsNotHttp() {
        assertThat(error("targets:\n  - url: ftp://example.com/\n")).isEqualTo(
                "<dir>/uptime.yaml: targets[0].url: 'ftp://example.com/' must be an http:// or https:// URL with a host");
    }

    @Test
    void rejectsAnUnknownKey() {
        assertThat(error("targets:\n  - url: http://a/\n    statuss: 200\n")).isEqualTo("<dir>/uptime.yaml: targets[0].statuss: "
                + "unknown key; allowed: body, maxRedirects, name, status, timeout, url; did you mean 'status'?");
    }

    @Test
    void rejectsAStatusOutOfRange() {
        assertThat(error("targets:\n  - url: http://a/\n    status: 700\n"))
                .isEqualTo("<dir>/uptime.yaml: targets[0].status: 700 must be a whole number from 100 to 599");
    }

    @Test
    void rejectsAFileWithoutTargets() {
        assertThat(error("certificateWarning: 336h\n")).isEqualTo(
                "<dir>/uptime.yaml: targets: is missing or empty; list the endpoints to watch (url, status, body)");
    }

    @Test
    void rejectsTwoTargetsWithOneName() {
        assertThat(error("targets:\n  - url: http://a/\n  - url: http://a/\n"))
                .isEqualTo("<dir>/uptime.yaml: targets[1].name: 'http://a/' appears twice; each target needs its own name");
    }

    @Test
    void refusesMoreTargetsThanOneUptimeFileHolds() {
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 0; i <= UptimeFile.MAX_TARGETS; i++) {
            yaml.append("  - url: http://127.0.0.1:1/").append(i).append('\n');
        }
        assertThat(error(yaml.toString())).isEqualTo(
                "<dir>/uptime.yaml: targets: 1001 entries are more than the 1000 allowed: an uptime file holds at most 1000 targets");
    }

    @Test
    void isHeldToLaunchguardYamlsLineLimit() {
        assertThat(error("targets:\n  - url: http://127.0.0.1:1/" + "x".repeat(70_000) + "\n")).isEqualTo(
                "<dir>/uptime.yaml: line 2: '- url: http://127.0.0.1:1/" + "x".repeat(12) + "…' has 70028 bytes; a line may have "
                        + "at most 65536 (64 KiB)");
    }

    @Test
    void rejectsADurationBeyondAYear() {
        assertThat(error("certificateWarning: 99999999999999999999h\ntargets:\n  - url: http://127.0.0.1:1/\n"))
                .isEqualTo("<dir>/uptime.yaml: certificateWarning: '99999999999999999999h' is out of range; a duration "
                        + "is at most 8760h (365 days)");
    }
}
