package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Termination;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PrintParserTest {

    private static ServiceDescription parse(String fixture) {
        return PrintParser.parse(Fixtures.output(fixture));
    }

    @Test
    void readsARunningKeepAliveAgentWithItsPidAndNoExitYet() {
        ServiceDescription service = parse("print-gui-macos27-running-keepalive.txt");

        assertThat(service.label()).contains("com.sglavoie.ddc-brightnessd");
        assertThat(service.domain()).contains("gui/501");
        assertThat(service.type()).contains("LaunchAgent");
        assertThat(service.state()).isEqualTo(RunState.RUNNING);
        assertThat(service.pid()).hasValue(1076);
        assertThat(service.runs()).hasValue(1);
        assertThat(service.lastExit()).isEmpty();
        assertThat(service.program()).contains("/Users/sglavoie/.local/bin/ddc-brightnessd");
        assertThat(service.arguments()).containsExactly("/Users/sglavoie/.local/bin/ddc-brightnessd");
        assertThat(service.stdoutPath()).contains("/Users/sglavoie/Library/Logs/ddc-brightnessd.log");
        assertThat(service.stderrPath()).contains("/Users/sglavoie/Library/Logs/ddc-brightnessd.log");
        assertThat(service.exitTimeout()).contains(Duration.ofSeconds(5));
        assertThat(service.minimumRuntime()).contains(Duration.ofSeconds(10));
        assertThat(service.environment()).containsEntry("DDC_DISPLAY", "PA27JCV")
                .containsEntry("XPC_SERVICE_NAME", "com.sglavoie.ddc-brightnessd");
        assertThat(service.properties())
                .containsExactly("keepalive", "runatload", "inferred program", "managed LWCR", "has LWCR");
        assertThat(service.complete()).as("closing bracket shares a line with the LWCR '0 = ' entry").isTrue();
    }

    @Test
    void takesTheJobStateFromDepthOneNotFromTheActiveCoalitions() {
        ServiceDescription service = parse("print-gui-macos27-interval-exited.txt");

        assertThat(service.launchdState()).contains("not running");
        assertThat(service.state()).isEqualTo(RunState.NOT_RUNNING);
        assertThat(service.pid()).isEmpty();
        assertThat(service.runs()).hasValue(18);
        assertThat(service.lastExit()).contains(Termination.exited(0));
        assertThat(service.runInterval()).contains(Duration.ofSeconds(900));
        assertThat(service.runAtLoad()).isTrue();
        assertThat(service.complete()).isTrue();
    }

    @Test
    void readsACalendarJobThatNeverRanAsNeverExited() {
        ServiceDescription service = parse("print-gui-macos27-calendar-never-run.txt");

        assertThat(service.label()).contains("com.sglavoie.brew-maintain");
        assertThat(service.state()).isEqualTo(RunState.NOT_RUNNING);
        assertThat(service.runs()).hasValue(0);
        assertThat(service.lastExit()).isEmpty();
        assertThat(service.runInterval()).isEmpty();
        assertThat(service.path())
                .contains("/Users/sglavoie/scripts/launchagents/Library/LaunchAgents/com.sglavoie.brew-maintain.plist");
        assertThat(service.properties()).containsExactly("inferred program", "needs LWCR update", "managed LWCR");
    }

    @Test
    void readsAFailedWatchPathsJobsExitCodeAndMinimumRuntime() {
        ServiceDescription service = parse("print-gui-macos27-not-running-exit1-watchpaths.txt");

        assertThat(service.lastExit()).contains(Termination.exited(1));
        assertThat(service.runs()).hasValue(4);
        assertThat(service.minimumRuntime()).contains(Duration.ofSeconds(30));
        assertThat(service.state()).isEqualTo(RunState.NOT_RUNNING);
        assertThat(service.runAtLoad()).isFalse();
    }

    @Test
    void readsTheWorkingDirectoryOfACalendarJob() {
        ServiceDescription service = parse("print-gui-2026-not-running-calendar-workingdir.txt");

        assertThat(service.label()).contains("com.motherboard.snapshot.retention");
        assertThat(service.workingDirectory()).contains("/Users/marcela-dev/motherboard-backup-system");
        assertThat(service.arguments()).containsExactly("/bin/bash",
                "/Users/marcela-dev/motherboard-backup-system/snapshot-manager-prod.sh");
        assertThat(service.stderrPath()).contains("/Users/marcela-dev/motherboard-backup-system/launchd.err.log");
        assertThat(service.runs()).hasValue(2);
        assertThat(service.lastExit()).contains(Termination.exited(0));
        assertThat(service.properties()).contains("runatload", "has LWCR");
    }

    @Test
    void readsAnEditedCaptureWithAPlaceholderProgram() {
        ServiceDescription service = parse("print-gui-2026-interval-exited-EDITED.txt");

        assertThat(service.label()).contains("com.dotfiles.sync");
        assertThat(service.program()).contains("<PROGRAM>");
        assertThat(service.arguments()).containsExactly("<PROGRAM>", "sync", "push", "--mode=clean");
        assertThat(service.runs()).hasValue(86);
        assertThat(service.runInterval()).contains(Duration.ofSeconds(300));
        assertThat(service.stdoutPath()).contains("/Users/u/workspace/work/.dotfiles/sync/log/sync.log");
        assertThat(service.environment()).containsOnlyKeys("OSLogRateLimit", "PATH", "XPC_SERVICE_NAME");
        assertThat(service.properties()).containsExactly("runatload", "inferred program");
    }

    @Test
    void ignoresNestedStateLinesInHeaderlessSedFilteredOutput() {
        ServiceDescription service = parse("print-gui-2026-filtered-sed-nested-state.txt");

        assertThat(service.label()).isEmpty();
        assertThat(service.state()).as("the tab-indented 'state = active' lines belong to coalitions")
                .isEqualTo(RunState.NOT_RUNNING);
        assertThat(service.runs()).hasValue(2);
        assertThat(service.lastExit()).contains(Termination.exited(0));
        assertThat(service.runInterval()).contains(Duration.ofSeconds(43200));
        assertThat(service.stdoutPath()).contains("/Users/dev/.local/state/weekly-cache-cleanup.out.log");
        assertThat(service.complete()).isFalse();
    }

    @Test
    void readsASubmittedLoginItemWithABareFlagLine() {
        ServiceDescription service = parse("print-gui-2023-submitted-loginitem-exited.txt");

        assertThat(service.label()).contains("com.vendor.helper");
        assertThat(service.type()).contains("Submitted");
        assertThat(service.path()).contains("(submitted by smd.500)");
        assertThat(service.state()).isEqualTo(RunState.NOT_RUNNING);
        assertThat(service.runs()).hasValue(1);
        assertThat(service.lastExit()).contains(Termination.exited(0));
        assertThat(service.program()).isEmpty();
        assertThat(service.properties()).containsExactly("supports transactions", "resolve program", "has LWCR");
        assertThat(service.complete()).isTrue();
    }

    @Test
    void readsASystemDaemonWithFourSpaceIndentation() {
        ServiceDescription service = parse("print-system-2023-akd-running-adaptive.txt");

        assertThat(service.label()).contains("com.apple.akd");
        assertThat(service.domain()).contains("system");
        assertThat(service.type()).contains("LaunchDaemon");
        assertThat(service.state()).isEqualTo(RunState.RUNNING);
        assertThat(service.pid()).hasValue(928);
        assertThat(service.runs()).hasValue(1);
        assertThat(service.lastExit()).isEmpty();
        assertThat(service.environment()).containsEntry("MallocSpaceEfficient", "1");
        assertThat(service.properties()).contains("exponential throttling");
    }

    @Test
    void readsATruncatedDaemonWithSpacesInItsPaths() {
        ServiceDescription service = parse("print-system-2025-bootstrap-running-PARTIAL.txt");

        assertThat(service.label()).contains("com.wazuh.agent");
        assertThat(service.pid()).hasValue(4205);
        assertThat(service.program())
                .contains("/usr/local/Library/Application Support/Wazuh agent.app/bin/wazuh-agent");
        assertThat(service.arguments()).containsExactly(
                "/usr/local/Library/Application Support/Wazuh agent.app/bin/wazuh-agent", "--config-file",
                "/usr/local/Library/Application Support/Wazuh agent.app/etc/wazuh-agent.yml");
        assertThat(service.workingDirectory())
                .contains("/usr/local/Library/Application Support/Wazuh agent.app/bin");
        assertThat(service.stdoutPath()).contains("/var/log/wazuh-output.log");
        assertThat(service.stderrPath()).contains("/var/log/wazuh-error.log");
        assertThat(service.complete()).isFalse();
    }

    @Test
    void readsTheOldHeaderWithoutADomainOnMojave() {
        ServiceDescription service = parse("print-system-macos10.14-mojave-running-PARTIAL.txt");

        assertThat(service.label()).contains("com.wazuh.agent");
        assertThat(service.domain()).contains("com.apple.xpc.launchd.domain.system");
        assertThat(service.type()).isEmpty();
        assertThat(service.state()).isEqualTo(RunState.RUNNING);
        assertThat(service.pid()).hasValue(1486);
        assertThat(service.runs()).hasValue(3);
        assertThat(service.lastExit()).contains(Termination.exited(0));
        assertThat(service.complete()).isFalse();
    }

    @Test
    void readsTheOldHeaderOnCatalina() {
        ServiceDescription service = parse("print-system-macos10.15-catalina-running-PARTIAL.txt");

        assertThat(service.label()).contains("com.wazuh.agent");
        assertThat(service.pid()).hasValue(1061);
        assertThat(service.runs()).hasValue(2);
        assertThat(service.program()).contains("/Library/StartupItems/WAZUH/Wazuh-launcher");
        assertThat(service.exitTimeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void readsYosemitesExitTimeoutAndLastExitWhileRunningAgain() {
        ServiceDescription service = parse("print-system-osx10.10-yosemite-running-PARTIAL.txt");

        assertThat(service.label()).contains("dev.mysql");
        assertThat(service.pid()).hasValue(24784);
        assertThat(service.state()).isEqualTo(RunState.RUNNING);
        assertThat(service.lastExit()).contains(Termination.exited(1));
        assertThat(service.exitTimeout()).contains(Duration.ofSeconds(1));
        assertThat(service.arguments()).containsExactly("/opt/boxen/homebrew/bin/mysqld_safe",
                "--defaults-file=/opt/boxen/config/mysql/my.cnf");
        assertThat(service.workingDirectory()).contains("/opt/boxen/data/mysql");
        assertThat(service.stdoutPath()).contains("/opt/boxen/log/mysql/console.log");
    }

    @Test
    void readsAUserDomainXpcServiceWithoutArguments() {
        ServiceDescription service = parse("print-user-macos13-xpcservice-PARTIAL.txt");

        assertThat(service.label()).contains("com.apple.iCloudHelper");
        assertThat(service.domain()).contains("user/501");
        assertThat(service.type()).contains("XPCService");
        assertThat(service.runs()).hasValue(882);
        assertThat(service.arguments()).isEmpty();
        assertThat(service.state()).isEqualTo(RunState.NOT_RUNNING);
        assertThat(service.complete()).isFalse();
    }

    @Test
    void readsTheLastTerminatingSignalAsASignal() {
        ServiceDescription service = PrintParser.parse(
                "gui/501/a.b = {\n\tstate = running\n\truns = 2\n\tpid = 7\n"
                        + "\tlast terminating signal = Terminated: 15\n}\n");

        assertThat(service.lastExit()).contains(Termination.signaled(15));
    }

    @Test
    void mapsToTheSharedJobStatus() {
        JobStatus status = parse("print-gui-macos27-running-keepalive.txt").toJobStatus("unused");

        assertThat(status).isEqualTo(new JobStatus("com.sglavoie.ddc-brightnessd", true, RunState.RUNNING,
                OptionalLong.of(1076), Optional.empty(), 1, Optional.empty()));
        assertThat(status.running()).isTrue();
    }
}
