package dev.launchguard.launchctl;

import static dev.launchguard.launchctl.RecordedProcessRunner.failed;
import static dev.launchguard.launchctl.RecordedProcessRunner.ok;
import static dev.launchguard.launchctl.RecordedProcessRunner.printed;
import static dev.launchguard.launchctl.RecordedProcessRunner.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bootstrap, domain choice and kickstart, replayed from the captured launchctl output. */
class LaunchctlBootstrapTest {

    static final String LC = Launchctl.EXECUTABLE;
    static final String AGENT = "com.sglavoie.ddc-brightnessd";
    static final Path AGENT_PLIST = Path.of("/Users/sglavoie/Library/LaunchAgents/" + AGENT + ".plist");
    static final String RUNNING_AGENT = "print-gui-macos27-running-keepalive.txt";

    private final RecordedProcessRunner runner = new RecordedProcessRunner();
    private final ManualClock clock = new ManualClock();
    private final LaunchctlJobManager manager = new LaunchctlJobManager(runner,
            new PsJobProcesses(runner, runner::kill), 501, clock, clock, LaunchctlSettings.defaults());

    @Test
    void enablesBeforeBootstrappingAnAgentIntoTheGuiDomainOfAnAquaSession() {
        runner.expect(stdout("Aqua\n"), LC, "managername")
                .expect(ok(), LC, "enable", "gui/501/" + AGENT)
                .expect(ok(), LC, "bootstrap", "gui/501", AGENT_PLIST.toString())
                .expect(printed(RUNNING_AGENT), LC, "print", "gui/501/" + AGENT);

        JobStatus status = manager.bootstrap(AGENT_PLIST);

        assertThat(status.state()).isEqualTo(RunState.RUNNING);
        assertThat(status.pid()).hasValue(1076);
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void bootstrapsIntoTheUserDomainWhenTheSessionIsNotAqua() {
        runner.expect(stdout("Background\n"), LC, "managername")
                .expect(ok(), LC, "enable", "user/501/" + AGENT)
                .expect(ok(), LC, "bootstrap", "user/501", AGENT_PLIST.toString())
                .expect(printed(RUNNING_AGENT), LC, "print", "user/501/" + AGENT);

        assertThat(manager.bootstrap(AGENT_PLIST).loaded()).isTrue();
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void fallsBackToTheUserDomainWhenGuiAnswers125OverSsh() {
        runner.expect(stdout("Aqua\n"), LC, "managername")
                .expect(ok(), LC, "enable", "gui/501/" + AGENT)
                .expect(failed(125, "error-bootstrap-125-no-gui-session.txt"), LC, "bootstrap", "gui/501",
                        AGENT_PLIST.toString())
                .expect(ok(), LC, "enable", "user/501/" + AGENT)
                .expect(ok(), LC, "bootstrap", "user/501", AGENT_PLIST.toString())
                .expect(printed(RUNNING_AGENT), LC, "print", "user/501/" + AGENT)
                .expect(printed(RUNNING_AGENT), LC, "print", "user/501/" + AGENT);

        manager.bootstrap(AGENT_PLIST);

        assertThat(manager.status(AGENT).pid()).as("later calls stay in user/501").hasValue(1076);
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void fallsBackToTheUserDomainWhenGuiHasNoDomain() {
        runner.expect(stdout("Aqua\n"), LC, "managername")
                .expect(failed(113, "error-could-not-find-domain-gui-sequoia-1-of-many.txt"), LC, "enable",
                        "gui/501/" + AGENT)
                .expect(ok(), LC, "enable", "user/501/" + AGENT)
                .expect(ok(), LC, "bootstrap", "user/501", AGENT_PLIST.toString())
                .expect(printed(RUNNING_AGENT), LC, "print", "user/501/" + AGENT);

        assertThat(manager.bootstrap(AGENT_PLIST).running()).isTrue();
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void bootstrapsADaemonIntoTheSystemDomainWithoutAskingForASession() {
        Path plist = Path.of("/Library/LaunchDaemons/com.wazuh.agent.plist");
        runner.expect(ok(), LC, "enable", "system/com.wazuh.agent")
                .expect(ok(), LC, "bootstrap", "system", plist.toString())
                .expect(printed("print-system-2025-bootstrap-running-PARTIAL.txt"), LC, "print",
                        "system/com.wazuh.agent");

        assertThat(manager.bootstrap(plist).pid()).hasValue(4205);
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void explainsA5AsAlreadyLoadedWhenPrintStillDescribesTheJob() {
        runner.expect(stdout("Aqua\n"), LC, "managername")
                .expect(ok(), LC, "enable", "gui/501/" + AGENT)
                .expect(failed(5, "error-bootstrap-5-nonroot-with-hint.txt"), LC, "bootstrap", "gui/501",
                        AGENT_PLIST.toString())
                .expect(printed(RUNNING_AGENT), LC, "print", "gui/501/" + AGENT);

        assertThatThrownBy(() -> manager.bootstrap(AGENT_PLIST))
                .isInstanceOf(LaunchctlException.class)
                .hasMessage("job 'com.sglavoie.ddc-brightnessd' launchctl bootstrap failed with 5 (it is already "
                        + "loaded in gui/501; boot it out first): Bootstrap failed: 5: Input/output error");
        assertThat(clock.sleeps()).as("a 5 without a recent bootout is not retried").isEmpty();
    }

    @Test
    void explainsA5AsDisabledWhenPrintDisabledSaysSo() {
        String label = "com.hnc.Discord.ShipIt";
        Path plist = Path.of("/Users/u/Library/LaunchAgents/" + label + ".plist");
        runner.expect(stdout("Aqua\n"), LC, "managername")
                .expect(ok(), LC, "enable", "gui/501/" + label)
                .expect(failed(5, "error-bootstrap-5-bigsur-no-hint.txt"), LC, "bootstrap", "gui/501", plist.toString())
                .expect(failed(113, "error-print-not-found-gui-2026.txt"), LC, "print", "gui/501/" + label)
                .expect(printed("print-disabled-gui-macos26-grep-one-line.txt"), LC, "print-disabled", "gui/501");

        assertThatThrownBy(() -> manager.bootstrap(plist))
                .hasMessage("job 'com.hnc.Discord.ShipIt' launchctl bootstrap failed with 5 (it is disabled in "
                        + "gui/501 (launchctl print-disabled)): Bootstrap failed: 5: Input/output error");
    }

    @Test
    void reportsA119WithItsMeaning() {
        runner.expect(stdout("Aqua\n"), LC, "managername")
                .expect(ok(), LC, "enable", "gui/501/" + AGENT)
                .expect(failed(119, "error-bootstrap-119-disabled-QUOTED.txt"), LC, "bootstrap", "gui/501",
                        AGENT_PLIST.toString());

        assertThatThrownBy(() -> manager.bootstrap(AGENT_PLIST))
                .isInstanceOfSatisfying(LaunchctlException.class,
                        e -> assertThat(e.reason()).isEqualTo(LaunchctlReason.DISABLED))
                .hasMessageEndingWith("): Bootstrap failed: 119: Service is disabled");
    }

    @Test
    void doesNotKickstartKillARunAtLoadJobItJustBootstrapped() {
        enablesBeforeBootstrappingAnAgentIntoTheGuiDomainOfAnAquaSession();
        runner.expect(printed(RUNNING_AGENT), LC, "print", "gui/501/" + AGENT);

        JobStatus status = manager.kickstart(AGENT, true);

        assertThat(status.pid()).hasValue(1076);
        assertThat(runner.calls()).noneMatch(argv -> argv.contains("kickstart"));
        assertThat(runner.finished()).isTrue();
    }

    @Test
    void kickstartKillsOnceTheRunAtLoadGraceHasPassed() {
        enablesBeforeBootstrappingAnAgentIntoTheGuiDomainOfAnAquaSession();
        clock.advance(Duration.ofSeconds(11));
        runner.expect(ok(), LC, "kickstart", "-k", "gui/501/" + AGENT)
                .expect(printed(RUNNING_AGENT), LC, "print", "gui/501/" + AGENT);

        manager.kickstart(AGENT, true);

        assertThat(runner.calls()).contains(List.of(LC, "kickstart", "-k", "gui/501/" + AGENT));
    }

    @Test
    void kickstartOfAJobNeverBootstrappedFailsAsNotFound() {
        runner.expect(stdout("Aqua\n"), LC, "managername")
                .expect(failed(113, "error-kickstart-not-loaded-113.txt"), LC, "kickstart", "gui/501/edgedb-server-authub");

        assertThatThrownBy(() -> manager.kickstart("edgedb-server-authub", false))
                .hasMessage("job 'edgedb-server-authub' launchctl kickstart failed with 113 (service not found: "
                        + "it is not loaded in this domain): Could not find service \"edgedb-server-authub\" in "
                        + "domain for user gui: 501");
    }

    @Test
    void kickstartOfAnAppleServiceUnderSipFailsWith150() {
        LaunchctlJobManager root = new LaunchctlJobManager(runner,
                new PsJobProcesses(runner, runner::kill), 0, clock, clock, LaunchctlSettings.defaults());
        runner.expect(failed(150, "error-kickstart-150-sip.txt"), LC, "kickstart", "-k", "system/com.apple.audio.coreaudiod");

        assertThatThrownBy(() -> root.kickstart("com.apple.audio.coreaudiod", true))
                .isInstanceOfSatisfying(LaunchctlException.class,
                        e -> assertThat(e.reason()).isEqualTo(LaunchctlReason.SIP));
    }

    @Test
    void rejectsAPlistNotNamedAfterItsLabel() {
        assertThatThrownBy(() -> manager.bootstrap(Path.of("/Users/u/Library/LaunchAgents/job.xml")))
                .hasMessage("job 'job.xml' cannot be bootstrapped: the plist file must be named <Label>.plist");
        assertThat(runner.calls()).isEmpty();
    }
}
