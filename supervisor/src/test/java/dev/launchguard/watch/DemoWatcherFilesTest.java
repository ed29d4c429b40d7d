package dev.launchguard.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.drift.DriftCheck;
import dev.launchguard.drift.DriftFile;
import dev.launchguard.uptime.UptimeFile;
import dev.launchguard.uptime.UptimeTarget;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The drift and uptime files shipped for the demo fleet in launchd/watchers/ load without error. */
class DemoWatcherFilesTest {

    private static final Path FOLDER = Path.of("..", "launchd", "watchers");

    @Test
    void theDemoDriftFileLoadsAndNamesTheFleetsJobsPortsAndSite() {
        assertThat(DriftFile.forUser().load(FOLDER.resolve("drift.demo.yaml"))).extracting(DriftCheck::kind)
                .containsExactly("job", "job", "plist", "plist", "port", "port", "file", "command");
    }

    @Test
    void theDemoUptimeFileLoads() {
        assertThat(UptimeFile.load(FOLDER.resolve("uptime.demo.yaml")).targets()).extracting(UptimeTarget::name)
                .containsExactly("demo site", "model ready");
    }
}
