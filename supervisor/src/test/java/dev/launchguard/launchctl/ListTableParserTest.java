package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Termination;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ListTableParserTest {

    private static List<ListEntry> parse(String fixture) {
        return ListTableParser.parse(Fixtures.output(fixture));
    }

    @Test
    void readsAJobThatFailedWithExit78AsNotRunning() {
        List<ListEntry> entries = parse("list-table-2016-grep-exit78.txt");

        assertThat(entries).hasSize(6);
        assertThat(entries.get(0)).isEqualTo(new ListEntry(OptionalLong.of(805), 0,
                Optional.of(Termination.exited(0)), "homebrew.mxcl.elasticsearch"));
        assertThat(entries.get(4)).isEqualTo(new ListEntry(OptionalLong.empty(), 78,
                Optional.of(Termination.exited(78)), "homebrew.mxcl.postgresql"));
        assertThat(entries.get(5).pid()).hasValue(807);
    }

    @Test
    void splitsSpaceAlignedColumnsAndSkipsTheHeader() {
        List<ListEntry> entries = parse("list-table-2019-grep-v-apple-spaces.txt");

        assertThat(entries).hasSize(16);
        assertThat(entries.get(0).label()).isEqualTo("com.wacom.DataStoreMgr");
        assertThat(entries.get(0).pid()).hasValue(355);
        assertThat(entries.get(3).pid()).isEmpty();
        assertThat(entries.get(3).label()).isEqualTo("com.wireguard.macos.login-item-helper");
        assertThat(entries.get(15)).isEqualTo(new ListEntry(OptionalLong.of(1320), 0,
                Optional.of(Termination.exited(0)), "com.microsoft.onenote.mac.18712"));
    }

    @Test
    void keepsThePreviousExitOfARespawnedKeepAliveJob() {
        ListEntry entry = parse("list-table-2020-running-with-nonzero-last-status.txt").get(0);

        assertThat(entry.toJobStatus()).isEqualTo(new JobStatus("homebrew.mxcl.spotifyd", true, RunState.RUNNING,
                OptionalLong.of(5150), Optional.of(Termination.exited(101)), 0, Optional.empty()));
    }

    @Test
    void readsEveryCompleteRowOfATruncatedTabSeparatedTable() {
        List<ListEntry> entries = parse("list-table-elcapitan-PARTIAL.txt");

        assertThat(entries).hasSize(34);
        assertThat(entries.get(3).label()).isEqualTo("com.apple.Finder");
        assertThat(entries.get(3).pid()).hasValue(279);
        assertThat(entries.get(29).label()).isEqualTo("com.apple.mdworker.shared.04000000-0000-0000-0000-000000000000");
        assertThat(entries.get(33).label()).isEqualTo("com.apple.java.InstallOnDemand");
        assertThat(entries).filteredOn(e -> e.pid().isPresent()).hasSize(9);
    }

    @Test
    void readsASingleGreppedRowWithoutHeader() {
        assertThat(parse("list-table-macos13-ventura-grep-one-line.txt")).containsExactly(new ListEntry(
                OptionalLong.of(337), 0, Optional.of(Termination.exited(0)), "com.wazuh.agent"));
    }

    @Test
    void decodesANegativeStatusAsTheSignalThatEndedTheJob() {
        assertThat(ListTableParser.parse("-\t-9\tcom.example.killed").get(0).lastExit())
                .contains(Termination.signaled(9));
    }

    @Test
    void namesTheLineThatIsNotARow() {
        assertThatThrownBy(() -> ListTableParser.parse("PID\tStatus\tLabel\n12\t0\ta.b\n12 zero a.c\n"))
                .isInstanceOf(LaunchctlParseException.class)
                .hasMessage("launchctl list output line 3 is not a 'PID Status Label' row "
                        + "(PID a number or '-', Status a number): 12 zero a.c");
    }

    @Test
    void rejectsEmptyInput() {
        assertThatThrownBy(() -> ListTableParser.parse("\n"))
                .hasMessage("launchctl list output line 1 has no rows: expected 'PID Status Label'");
    }
}
