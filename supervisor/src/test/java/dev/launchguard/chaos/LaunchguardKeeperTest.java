package dev.launchguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaunchguardKeeperTest {

    @Test
    void capturesTheCommandLineFolderAndEnvironmentOfARunningProcess() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads /proc, which only Linux has");
        long self = ProcessHandle.current().pid();

        LaunchguardKeeper.Recipe recipe = LaunchguardKeeper.capture(self);

        // ProcessHandle's arguments leave out argv[0], the program.
        assertThat(recipe.arguments().subList(1, recipe.arguments().size()))
                .containsExactly(ProcessHandle.current().info().arguments().orElseThrow());
        assertThat(recipe.workingDirectory()).isEqualTo(Path.of(System.getProperty("user.dir")));
        assertThat(recipe.environment()).containsEntry("PATH", System.getenv("PATH"));
    }

    @Test
    void aProcessThatDoesNotExistCannotBeCaptured() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads /proc, which only Linux has");

        assertThatThrownBy(() -> LaunchguardKeeper.capture(Integer.MAX_VALUE)).hasMessageStartingWith(
                "launchguard pid " + Integer.MAX_VALUE + " cannot be read: no /proc/" + Integer.MAX_VALUE);
    }
}
