package dev.launchguard.launchctl;

import static dev.launchguard.launchctl.LaunchctlBootstrapTest.AGENT;
import static dev.launchguard.launchctl.LaunchctlBootstrapTest.AGENT_PLIST;
import static dev.launchguard.launchctl.LaunchctlBootstrapTest.LC;
import static dev.launchguard.launchctl.LaunchctlBootstrapTest.RUNNING_AGENT;
import static dev.launchguard.launchctl.RecordedProcessRunner.failed;
import static dev.launchguard.launchctl.RecordedProcessRunner.ok;
import static dev.launchguard.launchctl.RecordedProcessRunner.printed;
import static dev.launchguard.launchctl.RecordedProcessRunner.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Teardown;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verified bootout, status, list and signals, replayed from the captured launchctl output. */
class LaunchctlBootoutTest {

    private static final String[] PS = PsJobProcesses.MACOS_PS.toArray(String[]::new);
    private static final String TARGET = "gui/501/" + AGENT;
    private static final String NOT_FOUND = "error-print-not-found-gui-macos27.txt";
    // No ps capture from a Mac exists; these rows follow ps -E's layout (command, then environment),
    // with the environment of print-gui-macos27-running-keepalive.txt.
    private static final String PS_FIRST = " 1076 /Users/sglavoie/.local/bin/ddc-brightnessd "
            + "OSLogRateLimit=64 DDC_DISPLAY=PA27JCV XPC_SERVICE_NAME=" + AGENT + "\n"
            + "  555 /usr/bin/helper XPC_SERVICE_NAME=" + AGENT + "-helper\n";
    private static final String PS_RESPAWNED = " 2001 /Users/sglavoie/.local/bin/ddc-brightnessd XPC_SERVICE_NAME="
            + AGENT + "\n";

    private final RecordedProcessRunner runner = new RecordedProcessRunner();
    private final ManualClock clock = new ManualClock();
    private final LaunchctlJobManager manager = manager(LaunchctlSettings.defaults());

    private LaunchctlJobManager manager(LaunchctlSettings settings) {
        return new LaunchctlJobManager(runner, new PsJobProcesses(runner, runner::kill), 501, clock,
                clock, settings);
    }

    /** The user has a GUI login, so agents go to gui/501. */
    private RecordedProcessRunner aqua() {
        return runner.expect(stdout("Aqua\n"), LC, "managername");
    }

    @Test
    void pollsPrintUntilItAnswers113BeforeReportingTheJobGone() {
        aqua().expect(stdout(PS_FIRST), PS)
                .expect(ok(), LC, "bootout", TARGET)
                .expectTimes(2, printed(RUNNING_AGENT), LC, "print", TARGET)
                .expect(failed(113, NOT_FOUND), LC, "print", TARGET)
                .expect(stdout(""), PS);

        Teardown teardown = manager.bootout(AGENT);

        assertThat(teardown.stoppedPids()).containsExactly(1076L);
        assertThat(teardown.forced()).isFalse();
        assertThat(teardown.clean()).isTrue();
        assertThat(teardown.elapsed()).isEqualTo(Duration.ofMillis(200));
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void killsAKeepAliveInstanceRespawnedWhileTheUnloadWasInFlight() {
        aqua().expect(stdout(PS_FIRST), PS)
                .expect(ok(), LC, "bootout", TARGET)
                .expect(failed(113, NOT_FOUND), LC, "print", TARGET)
                .expect(stdout(PS_RESPAWNED), PS)
                .expect(ok(), RecordedProcessRunner.KILL_STEP, "2001")
                .expect(stdout(PS_RESPAWNED), PS)
                .expect(stdout(""), PS);

        Teardown teardown = manager.bootout(AGENT);

        assertThat(teardown.stoppedPids()).containsExactly(1076L, 2001L);
        assertThat(teardown.forced()).isTrue();
        assertThat(teardown.survivors()).isEmpty();
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void reportsASurvivorThatOutlivesSigkill() {
        aqua().expect(stdout(""), PS)
                .expect(ok(), LC, "bootout", TARGET)
                .expect(failed(113, NOT_FOUND), LC, "print", TARGET)
                .expect(stdout(PS_RESPAWNED), PS)
                .expect(ok(), RecordedProcessRunner.KILL_STEP, "2001")
                .expectTimes(51, stdout(PS_RESPAWNED), PS);

        Teardown teardown = manager.bootout(AGENT);

        assertThat(teardown.survivors()).containsExactly(2001L);
        assertThat(teardown.clean()).isFalse();
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void treatsBootout3AsAlreadyGone() {
        aqua().expect(stdout(""), PS)
                .expect(failed(3, "error-bootout-3-no-such-process.txt"), LC, "bootout", TARGET)
                .expect(failed(113, "error-print-not-found-gui-2026.txt"), LC, "print", TARGET)
                .expect(stdout(""), PS);

        Teardown teardown = manager.bootout(AGENT);

        assertThat(teardown.stoppedPids()).isEmpty();
        assertThat(teardown.clean()).isTrue();
    }

    @Test
    void keepsPollingAfterBootout36() {
        aqua().expect(stdout(PS_FIRST), PS)
                .expect(new ProcessRunner.Result(36, "", "Boot-out failed: 36: Operation now in progress\n"),
                        LC, "bootout", TARGET)
                .expect(printed(RUNNING_AGENT), LC, "print", TARGET)
                .expect(failed(113, NOT_FOUND), LC, "print", TARGET)
                .expect(stdout(""), PS);

        assertThat(manager.bootout(AGENT).clean()).isTrue();
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void givesUpWhenPrintStillDescribesTheJobAfterTheUnloadTimeout() {
        LaunchctlSettings defaults = LaunchctlSettings.defaults();
        LaunchctlJobManager bounded = manager(new LaunchctlSettings(defaults.commandTimeout(), Duration.ofSeconds(1),
                defaults.pollInterval(), defaults.killTimeout(), defaults.bootstrapRetryWindow(),
                defaults.firstBackoff(), defaults.retryBudget(), defaults.runAtLoadGrace()));
        aqua().expect(stdout(""), PS)
                .expect(ok(), LC, "bootout", TARGET)
                .expectTimes(11, printed(RUNNING_AGENT), LC, "print", TARGET);

        assertThatThrownBy(() -> bounded.bootout(AGENT))
                .hasMessage("job 'com.sglavoie.ddc-brightnessd' is still loaded PT1S after bootout "
                        + "(launchctl print still describes it)");
        assertThat(clock.sleeps()).hasSize(10);
    }

    @Test
    void retriesABootstrapThatRacesTheBootoutWithGrowingBackoff() {
        treatsBootout3AsAlreadyGone();
        runner.expect(ok(), LC, "enable", TARGET)
                .expectTimes(2, failed(5, "error-bootstrap-5-nonroot-with-hint.txt"), LC, "bootstrap", "gui/501",
                        AGENT_PLIST.toString())
                .expect(ok(), LC, "bootstrap", "gui/501", AGENT_PLIST.toString())
                .expect(printed(RUNNING_AGENT), LC, "print", TARGET);

        JobStatus status = manager.bootstrap(AGENT_PLIST);

        assertThat(status.running()).isTrue();
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void fallsBackToLegacyUnloadWhereBootoutIsUnknownAndReadsItsStderr() {
        aqua().expect(ok(), LC, "enable", TARGET)
                .expect(ok(), LC, "bootstrap", "gui/501", AGENT_PLIST.toString())
                .expect(printed(RUNNING_AGENT), LC, "print", TARGET)
                .expect(stdout(""), PS)
                .expect(failed(1, "error-unrecognized-subcommand-bootout-yosemite-PARTIAL.txt"), LC, "bootout", TARGET)
                .expect(new ProcessRunner.Result(0, "", Fixtures.output("error-unload-5.txt")), LC, "unload",
                        AGENT_PLIST.toString())
                .expect(failed(113, NOT_FOUND), LC, "print", TARGET)
                .expect(stdout(""), PS);
        manager.bootstrap(AGENT_PLIST);

        assertThat(manager.bootout(AGENT).clean()).isTrue();
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void disablesBeforeBootingOut() {
        aqua().expect(ok(), LC, "disable", TARGET)
                .expect(stdout(""), PS)
                .expect(ok(), LC, "bootout", TARGET)
                .expect(failed(113, NOT_FOUND), LC, "print", TARGET)
                .expect(stdout(""), PS);

        manager.disable(AGENT);

        assertThat(runner.calls().get(1)).isEqualTo(List.of(LC, "disable", TARGET));
    }

    @Test
    void reportsAnUnknownLabelAsUnloaded() {
        aqua().expect(failed(113, NOT_FOUND), LC, "print", "gui/501/com.sglavoie.nope");

        assertThat(manager.status("com.sglavoie.nope")).isEqualTo(JobStatus.unloaded("com.sglavoie.nope"));
    }

    @Test
    void listsOnlyTheJobsThisManagerLoaded() {
        runner.expect(ok(), LC, "enable", "system/com.wazuh.agent")
                .expect(ok(), LC, "bootstrap", "system", "/Library/LaunchDaemons/com.wazuh.agent.plist")
                .expect(printed("print-system-2025-bootstrap-running-PARTIAL.txt"), LC, "print", "system/com.wazuh.agent")
                .expect(printed("list-table-2016-grep-exit78.txt"), LC, "list");
        manager.bootstrap(java.nio.file.Path.of("/Library/LaunchDaemons/com.wazuh.agent.plist"));

        assertThat(manager.list()).isEmpty();

        runner.expect(printed("list-table-macos13-ventura-grep-one-line.txt"), LC, "list");
        assertThat(manager.list()).singleElement().satisfies(status -> assertThat(status.pid()).hasValue(337));
    }

    @Test
    void sendsSignalsByName() {
        aqua().expect(ok(), LC, "kill", "SIGSTOP", TARGET);

        manager.signal(AGENT, Signal.STOP);

        assertThat(runner.finished()).isTrue();
    }
}
