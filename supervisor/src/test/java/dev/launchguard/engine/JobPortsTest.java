package dev.launchguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPortsTest {

    private static LaunchdJob plist(String portsXml) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist version=\"1.0\"><dict>"
                + "<key>Label</key><string>web</string><key>Program</key><string>/bin/true</string>"
                + "<key>LaunchguardPorts</key>" + portsXml + "</dict></plist>";
        return Plists.parse(xml.getBytes(StandardCharsets.UTF_8), "web.plist");
    }

    @Test
    void portsComeFromThePlistKeyAndTheConfiguredMap() {
        JobPorts ports = new JobPorts(Map.of("web", List.of(9090, 8080)));
        assertThat(ports.of(plist("<array><integer>8080</integer><integer>8443</integer></array>")))
                .containsExactly(8080, 8443, 9090);
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new JobPorts(Map.of()).of(plist("<array><integer>70000</integer></array>")))
                .hasMessage("job 'web' LaunchguardPorts: 70000 is not a port number (1-65535)");
    }

    @Test
    void aNonArrayIsRefused() {
        assertThatThrownBy(() -> new JobPorts(Map.of()).of(plist("<string>8080</string>")))
                .hasMessage("job 'web' LaunchguardPorts must be an array of integers, got String");
    }
}
