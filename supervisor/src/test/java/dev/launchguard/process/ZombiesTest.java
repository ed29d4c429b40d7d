package dev.launchguard.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ZombiesTest {

    @Test
    void statFieldsAreCountedFromTheLastParenthesisSoACommandNameCannotShiftThem() {
        String stat = "4242 (we) ird (x) Z 1 4242 4242 0 -1 4194564 95 0 0 0 0 0 0 0 20 0 1 0 987654 0 0 "
                + "18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(Zombies.parse(stat)).contains(new Zombies.Stat(4242, 'Z', 1, 987654));
    }

    @Test
    void aTruncatedLineIsNotAProcess() {
        assertThat(Zombies.parse("4242 (sleep) S 1")).isEmpty();
        assertThat(Zombies.parse("")).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisJvmsOwnStatLine() throws Exception {
        Zombies.Stat self = Zombies.parse(Files.readString(Path.of("/proc/self/stat"))).orElseThrow();

        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(self.parent()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(self.state()).isIn('R', 'S');
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void reapingAProcessThatIsNotOurChildTakesNothing() {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();

        assertThat(new Zombies().reap(parent)).isEmpty();
        assertThat(ProcessHandle.of(parent)).as("still running").isPresent();
    }
}
