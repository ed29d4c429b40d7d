package dev.launchguard.plist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlistsTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryModelledKey() {
        LaunchdJob job = Plists.read(Fixtures.valid("com.example.full.plist"));

        assertThat(job.label()).isEqualTo("com.example.full");
        assertThat(job.program()).contains("/usr/local/bin/full");
        assertThat(job.programArguments()).containsExactly("full", "--port", "8080");
        assertThat(job.executable()).contains("/usr/local/bin/full");
        assertThat(job.argv()).containsExactly("full", "--port", "8080");
        assertThat(job.keepAlive().always()).isFalse();
        assertThat(job.keepAlive().successfulExit()).contains(false);
        assertThat(job.keepAlive().crashed()).contains(true);
        assertThat(job.keepAlive().pathState()).containsExactly(Map.entry("/tmp/full.enabled", true));
        assertThat(job.keepAlive().otherJobEnabled()).containsExactly(Map.entry("com.example.db", true));
        assertThat(job.keepAlive().otherConditions()).containsExactly(Map.entry("NetworkState", true));
        assertThat(job.runAtLoad()).isTrue();
        assertThat(job.startInterval()).contains(Duration.ofSeconds(300));
        assertThat(job.startCalendarInterval()).containsExactly(
                new CalendarInterval(OptionalInt.of(15), OptionalInt.of(3), OptionalInt.empty(), OptionalInt.empty(),
                        OptionalInt.empty()),
                new CalendarInterval(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(0),
                        OptionalInt.empty()));
        assertThat(job.effectiveThrottle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(job.effectiveExitTimeOut()).isEqualTo(Duration.ofSeconds(45));
        assertThat(job.workingDirectory()).contains(Path.of("/var/lib/full"));
        assertThat(job.environmentVariables()).containsExactly(Map.entry("PORT", "8080"), Map.entry("MODE", "prod"));
        assertThat(job.standardOutPath()).contains(Path.of("/var/log/full.out.log"));
        assertThat(job.standardErrorPath()).contains(Path.of("/var/log/full.err.log"));
        assertThat(job.disabled()).isFalse();
        assertThat(job.abandonProcessGroup()).isTrue();
        assertThat(job.processType()).contains("Interactive");
        assertThat(job.limitLoadToSessionType()).containsExactly("Aqua", "Background");
        assertThat(job.userName()).contains("full");
        assertThat(job.groupName()).contains("staff");
        assertThat(job.nice()).hasValue(-5);
        assertThat(job.umask()).hasValue(027);
        assertThat(job.softResourceLimits()).containsExactly(Map.entry("NumberOfFiles", 4096L));
        assertThat(job.hardResourceLimits()).containsExactly(Map.entry("NumberOfFiles", 8192L));
    }

    @Test
    void keepsUnmodelledKeysInFileOrderAsPlainJavaValues() {
        LaunchdJob job = Plists.read(Fixtures.valid("com.example.full.plist"));

        assertThat(job.extraKeys()).containsOnlyKeys("WatchPaths", "MachServices", "Sockets", "X-Deployed",
                "X-Checksum", "X-Weight");
        assertThat(List.copyOf(job.extraKeys().keySet())).containsExactly("WatchPaths", "MachServices", "Sockets",
                "X-Deployed", "X-Checksum", "X-Weight");
        assertThat(job.extraKeys().get("WatchPaths")).isEqualTo(List.of("/etc/full.conf"));
        assertThat(job.extraKeys().get("Sockets")).isEqualTo(
                Map.of("Listeners", Map.of("SockServiceName", "8080", "SockFamily", "IPv4")));
        assertThat(job.extraKeys().get("X-Deployed")).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(job.extraKeys().get("X-Checksum"))
                .isEqualTo(new PlistData(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
        assertThat(job.extraKeys().get("X-Weight")).isEqualTo(0.75);
    }

    @Test
    void xmlAndBinaryReadingGiveEqualJobs() {
        LaunchdJob fromXml = Plists.read(Fixtures.valid("com.example.full.plist"));

        LaunchdJob fromBinary = Plists.parse(Plists.toBinary(fromXml), "full.bplist");

        assertThat(Plists.toBinary(fromXml)).startsWith("bplist00".getBytes(StandardCharsets.US_ASCII));
        assertThat(fromBinary).isEqualTo(fromXml);
    }

    @Test
    void readWriteReadKeepsEveryKey() {
        LaunchdJob first = Plists.read(Fixtures.valid("com.example.full.plist"));
        Path copy = dir.resolve("com.example.full.plist");

        Plists.write(first, copy);
        LaunchdJob second = Plists.read(copy);

        assertThat(second).isEqualTo(first);
        assertThat(second.extraKeys()).isEqualTo(first.extraKeys());
        assertThat(second.keepAlive().otherConditions()).containsExactly(Map.entry("NetworkState", true));
    }

    @Test
    void writeReplacesAtomicallyWithMode0644AndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("com.example.web.plist");
        Files.writeString(file, "old");

        Plists.write(LaunchdJob.of("com.example.web", List.of("/bin/sleep", "60")), file);

        assertThat(Plists.read(file).argv()).containsExactly("/bin/sleep", "60");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void defaultsFollowLaunchd() {
        LaunchdJob job = LaunchdJob.of("com.example.web", List.of("/bin/sleep"));

        assertThat(job.effectiveThrottle()).isEqualTo(Duration.ofSeconds(10));
        assertThat(job.effectiveExitTimeOut()).isEqualTo(Duration.ofSeconds(20));
        assertThat(job.keepAlive().enabled()).isFalse();
        LaunchdJob programOnly = Plists.parse(plist("<key>Label</key><string>com.example.t</string>"
                + "<key>Program</key><string>/bin/true</string>"), "t.plist");
        assertThat(programOnly.argv()).containsExactly("/bin/true");
        assertThat(programOnly.executable()).contains("/bin/true");
    }

    @Test
    void keepAliveNetworkStateAloneDoesNotRestart() {
        KeepAlive onlyNetwork = KeepAlive.conditions(Optional.empty(), Optional.empty(), Map.of(), Map.of(),
                Map.of("NetworkState", true));

        assertThat(onlyNetwork.conditional()).isTrue();
        assertThat(onlyNetwork.enabled()).isFalse();
    }

    @Test
    void wrongTypeNamesFileKeyValueAndWhatIsAllowed() {
        byte[] xml = plist("<key>Label</key><string>com.example.web</string>"
                + "<key>KeepAlive</key><string>yes</string>");

        assertThatThrownBy(() -> Plists.parse(xml, "web.plist"))
                .isInstanceOf(PlistException.class)
                .hasMessage("web.plist: KeepAlive: expected a boolean (<true/> or <false/>) or a dictionary of "
                        + "conditions, got string \"yes\"");
    }

    @Test
    void missingLabelIsRefused() {
        assertThatThrownBy(() -> Plists.parse(plist("<key>Program</key><string>/bin/true</string>"), "x.plist"))
                .hasMessage("x.plist: Label: is missing; launchd requires a Label naming the job uniquely, "
                        + "in reverse-DNS form such as com.example.web");
    }

    @Test
    void brokenXmlNamesLineAndColumnWithoutPrintingToStderr() {
        byte[] xml = "<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n<key>Label</key>\n<string>x</strin>\n"
                .getBytes(StandardCharsets.UTF_8);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> Plists.parse(xml, "x.plist"))
                    .hasMessage("x.plist: is not valid XML: line 5, column 12: The element type \"string\" must be "
                            + "terminated by the matching end-tag \"</string>\".");
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void emptyFileAndNonDictionaryRootAreRefused() {
        assertThatThrownBy(() -> Plists.parse(new byte[0], "empty.plist"))
                .hasMessage("empty.plist: is empty; a launchd plist is a dictionary with at least a Label");
        byte[] array = "<plist version=\"1.0\"><array/></plist>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Plists.parse(array, "a.plist"))
                .hasMessage("a.plist: top level must be a dictionary, got array");
    }

    @Test
    void unreadableFileIsAPlistException() {
        assertThatThrownBy(() -> Plists.read(dir.resolve("absent.plist")))
                .isInstanceOf(PlistException.class)
                .hasMessageStartingWith(dir.resolve("absent.plist") + ": cannot be read: ");
    }

    @Test
    void umaskStringIsReadAsStrtoulDoes() {
        assertThat(umask("<string>022</string>")).hasValue(18);
        assertThat(umask("<string>18</string>")).hasValue(18);
        assertThat(umask("<string>0x12</string>")).hasValue(18);
        assertThat(umask("<integer>18</integer>")).hasValue(18);
    }

    private static OptionalInt umask(String value) {
        return Plists.parse(plist("<key>Label</key><string>com.example.u</string><key>Umask</key>" + value), "u")
                .umask();
    }

    static byte[] plist(String dictBody) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>" + dictBody
                + "</dict>\n</plist>\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValueXmlCannotCarryIsRefusedByTheWriterNotWrittenUnreadable() {
        // A binary plist can hold U+001D in a string; XML 1.0 cannot, and dd-plist would write it anyway.
        LaunchdJob job = LaunchdJob.of("com.example.web", List.of("/bin/echo", "a\u001Db"));

        assertThatThrownBy(() -> Plists.toXml(job))
                .isInstanceOf(PlistException.class)
                .hasMessage("com.example.web: cannot be written as XML: a value holds the character U+001D, which XML 1.0 "
                        + "cannot carry; allowed: text without control characters other than tab and newline");
        assertThatThrownBy(() -> Plists.write(job, dir.resolve("com.example.web.plist"))).isInstanceOf(PlistException.class);
        assertThat(dir.resolve("com.example.web.plist")).doesNotExist();
        assertThat(Plists.parse(Plists.toBinary(job), "binary").argv()).containsExactly("/bin/echo", "a\u001Db");
    }
}
