package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.job.RunState;
import dev.launchguard.job.Termination;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ListLabelParserTest {

    private static ListedJob parse(String fixture) {
        return ListLabelParser.parse(Fixtures.output(fixture));
    }

    @Test
    void decodesTheRawWaitStatus19968AsExit78() {
        ListedJob job = parse("list-label-system-not-running-exit78-19968.txt");

        assertThat(job.label()).isEqualTo("org.jenkins-ci");
        assertThat(job.lastExitStatus()).hasValue(19968);
        assertThat(job.lastExit()).contains(Termination.exited(78));
        assertThat(job.pid()).isEmpty();
        assertThat(job.toJobStatus().state()).isEqualTo(RunState.NOT_RUNNING);
        assertThat(job.onDemand()).contains(false);
        assertThat(job.program()).contains("/bin/bash");
        assertThat(job.programArguments()).containsExactly("/bin/bash",
                "/Library/Application Support/Jenkins/jenkins-runner.sh");
        assertThat(job.standardOutPath()).contains("/var/log/jenkins/jenkins.log");
        assertThat(job.standardErrorPath()).contains("/var/log/jenkins/jenkins.log");
        assertThat(job.timeOut()).contains(Duration.ofSeconds(30));
    }

    @Test
    void readsAFourSpaceIndentedOneShotThatIsNotRunning() {
        ListedJob job = parse("list-label-system-ondemand-never-running-4space.txt");

        assertThat(job.label()).isEqualTo("sysctl");
        assertThat(job.pid()).isEmpty();
        assertThat(job.onDemand()).contains(true);
        assertThat(job.lastExit()).contains(Termination.exited(0));
        assertThat(job.programArguments()).hasSize(5).startsWith("/usr/sbin/sysctl", "-w")
                .endsWith("net.inet.tcp.tso=0");
        assertThat(job.limitLoadToSessionType()).contains("System");
    }

    @Test
    void readsARunningJobsPidAndLegacyTimeOut() {
        ListedJob job = parse("list-label-system-running-timeout.txt");

        assertThat(job.label()).isEqualTo("sh.hyper.hyper");
        assertThat(job.pid()).hasValue(32396);
        assertThat(job.toJobStatus().running()).isTrue();
        assertThat(job.timeOut()).contains(Duration.ofSeconds(30));
        assertThat(job.programArguments()).containsExactly("/opt/hyper/bin/hyperd",
                "--config=/opt/hyper/etc/hyper/config", "-v=1", "--nondaemon");
    }

    @Test
    void readsARunningHomebrewDaemon() {
        ListedJob job = parse("list-label-system-running.txt");

        assertThat(job.label()).isEqualTo("homebrew.mxcl.qemu-guest-agent");
        assertThat(job.pid()).hasValue(91);
        assertThat(job.lastExit()).contains(Termination.exited(0));
        assertThat(job.programArguments()).hasSize(7).contains("/dev/tty.serial1", "isa-serial");
    }

    @Test
    void readsMachServicesWithBareWordValues() {
        ListedJob job = parse("list-label-aqua-machservices-ANONYMISED.txt");

        assertThat(job.label()).isEqualTo("com.your.LoginItemIdentifier");
        assertThat(job.machServices()).containsExactly("com.your.LoginItemIdentifier");
        assertThat(job.limitLoadToSessionType()).contains("Aqua");
        assertThat(job.program()).contains("com.your.LoginItemIdentifier");
        assertThat(job.programArguments()).isEmpty();
        assertThat(job.pid()).isEmpty();
    }

    @Test
    void decodesASignalInTheLowBitsOfTheWaitStatus() {
        ListedJob job = ListLabelParser.parse("{\n\t\"Label\" = \"a.b\";\n\t\"LastExitStatus\" = 9;\n};\n");

        assertThat(job.lastExit()).contains(Termination.signaled(9));
    }

    @Test
    void reportsTheNotFoundMessageAsErrorOutput() {
        assertThatThrownBy(() -> parse("error-list-label-not-found.txt"))
                .isInstanceOf(LaunchctlParseException.class)
                .hasMessage("launchctl list <label> output line 1 is launchctl error output, not a job: "
                        + "Could not find service \"com.your.LoginItemIdentifier\" in domain for port "
                        + "(113: service not found: it is not loaded in this domain)");
    }

    @Test
    void namesTheLineWhereATruncatedDictionaryEnds() {
        assertThatThrownBy(() -> ListLabelParser.parse("{\n\t\"Label\" = \"a.b\";\n\t\"PID\" = 3"))
                .hasMessage("launchctl list <label> output line 3 ends inside the dictionary (truncated paste?)");
    }

    @Test
    void namesTheLineOfAMissingSemicolon() {
        assertThatThrownBy(() -> ListLabelParser.parse("{\n\t\"Label\" = \"a.b\"\n\t\"PID\" = 3;\n};"))
                .hasMessage("launchctl list <label> output line 3 expected ';', found '\"'");
    }
}
