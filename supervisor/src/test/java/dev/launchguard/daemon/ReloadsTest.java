package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReloadsTest {

    /** The signal lines of /proc/self/status of a JVM started under nohup(1) (Linux 6, OpenJDK 17). */
    private static final String NOHUP = """
            Name:\tjava
            State:\tS (sleeping)
            SigQ:\t0/96367
            SigPnd:\t0000000000000000
            ShdPnd:\t0000000000000000
            SigBlk:\t0000000000000000
            SigIgn:\t0000000000000001
            SigCgt:\t2000000101005cce
            """;

    private static String withIgnored(String mask) {
        return NOHUP.replace("SigIgn:\t0000000000000001", "SigIgn:\t" + mask);
    }

    @Test
    void sighupIsBitZeroOfTheIgnoredMask() {
        assertThat(Reloads.ignored(NOHUP, Reloads.SIGHUP)).isTrue();
        assertThat(Reloads.ignored(withIgnored("0000000000000000"), Reloads.SIGHUP)).isFalse();
    }

    @Test
    void otherIgnoredSignalsDoNotCountAsSighup() {
        // SIGINT (2) and SIGQUIT (3) ignored, as a shell's background job has them: bits 1 and 2.
        String background = withIgnored("0000000000000006");

        assertThat(Reloads.ignored(background, Reloads.SIGHUP)).isFalse();
        assertThat(Reloads.ignored(background, 2)).isTrue();
        assertThat(Reloads.ignored(background, 3)).isTrue();
    }

    @Test
    void theHighestSignalIsTheMasksTopBit() {
        assertThat(Reloads.ignored(withIgnored("8000000000000000"), 64)).isTrue();
        assertThat(Reloads.ignored(withIgnored("8000000000000000"), Reloads.SIGHUP)).isFalse();
    }

    @Test
    void aMissingOrUnreadableMaskMeansNotIgnored() {
        assertThat(Reloads.ignored("Name:\tjava\n", Reloads.SIGHUP)).isFalse();
        assertThat(Reloads.ignored(withIgnored("zz"), Reloads.SIGHUP)).isFalse();
    }

    @Test
    void aSignalNumberOutsideTheMaskIsRefused() {
        assertThatThrownBy(() -> Reloads.ignored(NOHUP, 65)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signal 65 is not a number from 1 to 64");
    }

    @Test
    void warnsOnlyWhenSighupIsIgnored() {
        assertThat(Reloads.warnIfIgnored(Optional.of(NOHUP))).isTrue();
        assertThat(Reloads.warnIfIgnored(Optional.of(withIgnored("0000000000000006")))).isFalse();
        assertThat(Reloads.warnIfIgnored(Optional.empty())).isFalse();
    }
}
