package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each error fixture with the exit status its source reports (0 where legacy load/unload hid it). */
class LaunchctlErrorTest {

    private static final String ROOT_HINT = "Try re-running the command as root for richer errors.";

    private static LaunchctlError classify(int exitCode, String fixture) {
        return LaunchctlError.classify(exitCode, Fixtures.output(fixture)).orElseThrow();
    }

    @Test
    void bootoutOfAServiceThatIsNotLoadedIsNoSuchProcess() {
        LaunchctlError error = classify(3, "error-bootout-3-no-such-process.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.NO_SUCH_PROCESS);
        assertThat(error.code()).isEqualTo(3);
        assertThat(error.message()).isEqualTo("Boot-out failed: 3: No such process");
        assertThat(error.hints()).isEmpty();
    }

    @Test
    void bootoutByPathAsNonRootIsAnInputOutputErrorWithTheRootHint() {
        LaunchctlError error = classify(5, "error-bootout-5-nonroot.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.IO_ERROR);
        assertThat(error.hints()).containsExactly(ROOT_HINT);
    }

    @Test
    void bootstrapOfADisabledServiceIs119() {
        LaunchctlError error = classify(119, "error-bootstrap-119-disabled-QUOTED.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.DISABLED);
        assertThat(error.reason().meaning()).contains("launchctl enable");
    }

    @Test
    void bootstrapIntoGuiOverSshIs125() {
        LaunchctlError error = classify(125, "error-bootstrap-125-no-gui-session.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.DOMAIN_UNSUPPORTED);
        assertThat(error.message()).isEqualTo("Bootstrap failed: 125: Domain does not support specified action");
    }

    @Test
    void bigSurBootstrapFailureIs5WithoutAHint() {
        LaunchctlError error = classify(5, "error-bootstrap-5-bigsur-no-hint.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.IO_ERROR);
        assertThat(error.hints()).isEmpty();
    }

    @Test
    void nonRootBootstrapFailureIs5WithTheRootHint() {
        LaunchctlError error = classify(5, "error-bootstrap-5-nonroot-with-hint.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.IO_ERROR);
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.hints()).containsExactly(ROOT_HINT);
    }

    @Test
    void rootBootstrapFailureIntoSystemIs5() {
        LaunchctlError error = classify(5, "error-bootstrap-5-system-root.txt");

        assertThat(error.code()).isEqualTo(5);
        assertThat(error.reason().meaning()).contains("already loaded", "bootout of it is still in flight");
    }

    @Test
    void missingGuiDomainOnSequoiaIsNoDomain() {
        LaunchctlError error = classify(0, "error-could-not-find-domain-gui-sequoia-1-of-many.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.NO_DOMAIN);
        assertThat(error.message()).isEqualTo("Could not find domain for user gui: 501");
    }

    @Test
    void kickstartOfAnAppleServiceUnderSipIs150() {
        LaunchctlError error = classify(150, "error-kickstart-150-sip.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.SIP);
        assertThat(error.code()).isEqualTo(150);
    }

    @Test
    void kickstartOfAServiceNeverBootstrappedIs113() {
        LaunchctlError error = classify(113, "error-kickstart-not-loaded-113.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.NOT_FOUND);
        assertThat(error.message()).isEqualTo("Could not find service \"edgedb-server-authub\" in domain for user gui: 501");
    }

    @Test
    void listOfAnUnknownLabelIs113() {
        assertThat(classify(113, "error-list-label-not-found.txt").reason()).isEqualTo(LaunchctlReason.NOT_FOUND);
    }

    @Test
    void legacyLoadOfARootPlistWithBadOwnershipIs122EvenThoughItExits0() {
        LaunchctlError error = classify(0, "error-load-122-bad-ownership.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.BAD_OWNERSHIP);
        assertThat(error.exitCode()).isZero();
        assertThat(error.code()).isEqualTo(122);
        assertThat(error.line()).as("the path line before it carries no code").isEqualTo(2);
    }

    @Test
    void legacyLoadOfALoadedJobFailsWith5EvenThoughItExits0() {
        LaunchctlError error = classify(0, "error-load-5-monterey.txt");

        assertThat(error.failed()).isTrue();
        assertThat(error.reason()).isEqualTo(LaunchctlReason.IO_ERROR);
        assertThat(error.hints()).containsExactly("Try running `launchctl bootstrap` as root for richer errors.");
    }

    @Test
    void legacyLoadOverSshCannotFindTheDomain() {
        LaunchctlError error = classify(0, "error-load-no-gui-domain-mojave.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.NO_DOMAIN);
        assertThat(error.message()).isEqualTo("Could not find domain for");
    }

    @Test
    void printAfterBootoutIsNotFoundAfterABadRequestLine() {
        LaunchctlError error = classify(113, "error-print-not-found-gui-2026.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.NOT_FOUND);
        assertThat(error.line()).isEqualTo(2);
    }

    @Test
    void printOfAnUnknownLabelOnMacos27IsNotFound() {
        LaunchctlError error = classify(113, "error-print-not-found-gui-macos27.txt");

        assertThat(error.message()).contains("com.sglavoie.nope");
        assertThat(error.code()).isEqualTo(113);
    }

    @Test
    void catalinaSshSessionHasNoAquaDomain() {
        assertThat(classify(0, "error-svc-no-aqua-domain-catalina.txt").reason()).isEqualTo(LaunchctlReason.NO_DOMAIN);
    }

    @Test
    void legacyUnloadOfAnUnloadedJobFailsWith5EvenThoughItExits0() {
        LaunchctlError error = classify(0, "error-unload-5.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.IO_ERROR);
        assertThat(error.message()).isEqualTo("Unload failed: 5: Input/output error");
        assertThat(error.hints()).containsExactly("Try running `launchctl bootout` as root for richer errors.");
    }

    @Test
    void yosemiteDoesNotKnowBootout() {
        LaunchctlError error = classify(1, "error-unrecognized-subcommand-bootout-yosemite-PARTIAL.txt");

        assertThat(error.reason()).isEqualTo(LaunchctlReason.UNRECOGNIZED_SUBCOMMAND);
        assertThat(error.message()).isEqualTo("Unrecognized subcommand: bootout");
    }

    @Test
    void loadingAnAgentAsRootIsAWarningNotAFailure() {
        LaunchctlError error = classify(0, "warning-load-agent-as-root.txt");

        assertThat(error.failed()).isFalse();
        assertThat(error.reason()).isEqualTo(LaunchctlReason.WARNING);
        assertThat(error.hints()).containsExactly("`launchctl bootstrap` is a recommended alternative.");
    }

    @Test
    void aSilentSuccessIsNoError() {
        assertThat(LaunchctlError.classify(0, "")).isEmpty();
    }

    @Test
    void anUnknownNonZeroExitKeepsItsCodeAndFirstLine() {
        LaunchctlError error = LaunchctlError.classify(64, "\nUsage: launchctl bootstrap <domain-target>\n").orElseThrow();

        assertThat(error.reason()).isEqualTo(LaunchctlReason.OTHER);
        assertThat(error.code()).isEqualTo(64);
        assertThat(error.message()).isEqualTo("Usage: launchctl bootstrap <domain-target>");
        assertThat(error.line()).isEqualTo(2);
    }
}
