package dev.launchguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkipReportTest {

    @TempDir
    Path dir;

    @Test
    void namesEverySkippedClassOnceOnOneLinePerReason() throws Exception {
        Path failsafe = Files.createDirectories(dir.resolve("failsafe-reports"));
        String noEngine = "hermetic test skipped: no Docker engine is reachable; run it with .ci/hermetic ./mvnw verify";
        // As failsafe writes an aborted assumption: no message attribute, the exception and its stack as text.
        report(failsafe, "dev.launchguard.hermetic.FreshMachineIT", "<testcase name=\"a\" classname=\"dev.launchguard.hermetic.FreshMachineIT\">"
                + "<skipped type=\"org.opentest4j.TestAbortedException\"><![CDATA[org.opentest4j.TestAbortedException: "
                + noEngine + "\n\tat org.junit.jupiter.api.Assumptions.abort(Assumptions.java:316)\n]]></skipped></testcase>");
        report(failsafe, "dev.launchguard.hermetic.LaunchguardAsPid1IT",
                "<testcase name=\"b\" classname=\"dev.launchguard.hermetic.LaunchguardAsPid1IT\"><skipped message=\"" + noEngine
                        + "\"/></testcase><testcase name=\"c\" classname=\"dev.launchguard.hermetic.LaunchguardAsPid1IT\">"
                        + "<skipped message=\"" + noEngine + "\"/></testcase>");
        report(failsafe, "dev.launchguard.daemon.MetricsIT", "<testcase name=\"d\" classname=\"dev.launchguard.daemon.MetricsIT\">"
                + "<skipped message=\"promtool is not installed\"/></testcase><testcase name=\"e\" classname=\"x.Ran\"/>");
        // AssertJ's assumption messages start with a line break.
        report(failsafe, "dev.launchguard.model.NetworkIsolationIT", "<testcase name=\"f\" classname=\"dev.launchguard.model."
                + "NetworkIsolationIT\"><skipped type=\"org.opentest4j.TestAbortedException\"><![CDATA[org.opentest4j.TestAbortedException: \n"
                + "[strace is installed]\nExpecting value to be true but was false\n\tat org.assertj.core.api.Assumptions.x(A.java:1)\n]]>"
                + "</skipped></testcase>");

        String printed = print(List.of(dir.resolve("surefire-reports"), failsafe));

        assertThat(printed.lines()).containsExactly(
                "Tests skipped in this build (the reports in target/*-reports have each one):",
                "SKIPPED NetworkIsolationIT: [strace is installed] Expecting value to be true but was false",
                "SKIPPED FreshMachineIT, LaunchguardAsPid1IT: " + noEngine,
                "SKIPPED MetricsIT: promtool is not installed");
    }

    @Test
    void printsNothingWhenNoTestWasSkipped() throws Exception {
        report(dir, "x.Ran", "<testcase name=\"ok\" classname=\"x.Ran\"/>");

        assertThat(print(List.of(dir))).isEmpty();
    }

    private static String print(List<Path> folders) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SkipReport.print(SkipReport.skipped(folders), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void report(Path folder, String suite, String cases) throws Exception {
        Files.writeString(folder.resolve("TEST-" + suite + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"" + suite + "\">" + cases + "</testsuite>\n");
    }
}
