package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.JobConfig;
import dev.launchguard.config.LaunchguardConfig;
import dev.launchguard.plist.Plists;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo fleet rendered from the repository's real templates in {@code launchd/}. */
class DemoFleetTest {

    /** Surefire runs in the supervisor module; the templates are in the repository beside it. */
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path state;

    @Test
    void rendersPlistsWithAbsolutePathsAndAConfigWithTheStormGuardAtItsDefaults() {
        Path config = new DemoFleet(HOME).render(state, 9471, Path.of("/usr/bin/java"), Path.of("/usr/bin/python3"),
                OptionalInt.empty());

        LaunchguardConfig loaded = ConfigLoader.forUser().load(config);
        assertThat(loaded.listenPort()).isEqualTo(9471);
        assertThat(loaded.jobs()).extracting(JobConfig::label)
                .containsExactly("dev.launchguard.demo.model", "dev.launchguard.demo.web");
        assertThat(loaded.jobs()).allSatisfy(j -> assertThat(j.storm().maxRestarts()).isEqualTo(5));
        assertThat(loaded.hostBudget().restarts()).isEqualTo(10);
        assertThat(Plists.read(loaded.plists().resolve("dev.launchguard.demo.model.plist")).programArguments())
                .startsWith("/usr/bin/java").contains(HOME.resolve("sample-model-server/target/sample-model-server.jar")
                        .toString());
    }

    @Test
    void aRestartLimitRaisesTheStormGuardAndTheHostBudgetForACampaign() {
        Path config = new DemoFleet(HOME).render(state, 9471, Path.of("/usr/bin/java"), Path.of("/usr/bin/python3"),
                OptionalInt.of(1000));

        LaunchguardConfig loaded = ConfigLoader.forUser().load(config);
        assertThat(loaded.jobs()).allSatisfy(j -> assertThat(j.storm().maxRestarts()).isEqualTo(1000));
        assertThat(loaded.hostBudget().restarts()).isEqualTo(1000);
    }
}
