package dev.launchguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * launchguard.yaml's limits ({@link ConfigDefaults}, "Limits"), each refused in one line. The files
 * are too big to keep as fixtures, so each test writes its own.
 */
class ConfigLimitsTest {

    private static final String JOB = "  - label: com.example.a\n    liveness: http://127.0.0.1:1/x\n";

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Path.of("/home/op"));

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("launchguard.yaml"), yaml);
    }

    /** One fully written job: every key of every probe role, the policies, the headers file aside. */
    static String fullJob(int i) {
        String probe = "      http: http://127.0.0.1:%d/%s\n      method: POST\n      body: '{\"input\":\"ping\"}'\n"
                + "      contentType: application/json\n      expectStatus: 200\n      bodyContains: ok\n"
                + "      tlsVerify: true\n      interval: 4s\n      timeout: 500ms\n      failureThreshold: 3\n"
                + "      successThreshold: 1\n";
        int port = 1024 + i;
        return "  - label: com.example.job" + i + "\n    startup:\n" + probe.formatted(port, "ready")
                + "      budget: 2m\n    liveness:\n" + probe.formatted(port, "live") + "    readiness:\n"
                + probe.formatted(port, "ready") + "    recovery: { fastInterval: 25ms, readyBudget: 2m, overloadGrace: 2m }\n"
                + "    storm: { maxRestarts: 5, window: 10m, backoff: 5m }\n";
    }

    @Test
    void aThousandJobsWrittenOutInFullAreWithinEveryLimit() throws IOException {
        StringBuilder yaml = new StringBuilder("jobs:\n");
        for (int i = 0; i < ConfigDefaults.MAX_JOBS; i++) {
            yaml.append(fullJob(i));
        }
        Path file = write(yaml.toString());

        assertThat(loader.load(file).jobs()).hasSize(ConfigDefaults.MAX_JOBS);
        assertThat(Files.size(file)).isLessThan(ConfigDefaults.MAX_FILE_BYTES / 2);
    }

    @Test
    void aFleetWhoseProbesOutrunOneLaunchguardIsRefusedAtLoad() throws IOException {
        // 1,000 jobs at the default 500 ms liveness interval: 2,000 probes a second.
        Path file = write("jobs:\n" + IntStream.range(0, 1_000).mapToObj(i -> JOB.replace("example.a", "example.a" + i))
                .collect(Collectors.joining()));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": jobs: 1,000 jobs ask for 2,000 probes a second; allowed: at most 500 on one "
                        + "launchguard (about 0.4 ms of CPU each): probe less often (a liveness interval of 2s for all "
                        + "of them) or split the fleet (docs/configuration.md, Limits)");
    }

    @Test
    void aFleetTooBigForTheHeapIsRefusedNamingTheHeapItNeeds() throws IOException {
        Path file = write("jobs:\n" + IntStream.range(0, 500).mapToObj(i -> "  - label: com.example.a" + i
                + "\n    liveness: { http: 'http://127.0.0.1:1/x', interval: 2s }\n").collect(Collectors.joining()));
        ConfigNode top = ConfigNode.read(file, "jobs");
        java.util.List<JobConfig> jobs = loader.load(file).jobs();

        assertThatThrownBy(() -> Capacity.check(top, jobs, 64L * 1024 * 1024))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": jobs: 500 jobs need about 73 MB of heap and this JVM has 64 MB (-Xmx); allowed: a "
                        + "heap of at least 73 MB: start it with a larger -Xmx in LAUNCHGUARD_JAVA_OPTS, or split the "
                        + "fleet (docs/configuration.md, Limits)");
    }

    @Test
    void moreJobsThanOneLaunchguardWatchesAreRefusedAtLoad() throws IOException {
        Path file = write("jobs:\n" + IntStream.range(0, 5_000).mapToObj(i -> JOB.replace("example.a", "example.a" + i))
                .collect(Collectors.joining()));

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class).hasMessage(file
                + ": jobs: 5000 entries are more than the 1000 allowed: one launchguard watches at most 1000 jobs "
                + "(docs/configuration.md, Limits)");
    }

    @Test
    void aFileOverFourMebibytesIsRefusedBeforeItIsRead() throws IOException {
        Path file = write("jobs: []\n" + "#".repeat(ConfigDefaults.MAX_FILE_BYTES - 9) + "\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": has 4194305 bytes; a file may have at most 4194304 (4 MiB)");
    }

    @Test
    void aDeviceThatReportsNoSizeIsReadNoFurtherThanTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");

        assertThatThrownBy(() -> loader.load(zero)).isInstanceOf(ConfigException.class)
                .hasMessage("/dev/zero: has more than 4194304 bytes; a file may have at most 4194304 (4 MiB)");
    }

    @Test
    void aMultiMegabyteValueOnOneLineIsRefusedBeforeTheScannerSeesIt() throws IOException {
        Path file = write("jobs:\n  - label: " + "a".repeat(4_000_000) + "\n    liveness: http://127.0.0.1:1/x\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": line 2: '- label: " + "a".repeat(29) + "…' has 4000011 bytes; a line may "
                        + "have at most 65536 (64 KiB)");
    }

    @Test
    void aValueOverManyLinesIsHeldToTheSameLength() throws IOException {
        String body = ("        " + "b".repeat(99) + "\n").repeat(700);
        Path file = write("jobs:\n  - label: com.example.a\n    liveness:\n      http: http://127.0.0.1:1/x\n"
                + "      body: |\n" + body);

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": jobs[0].liveness.body: '" + "b".repeat(40) + "…' has 70000 characters; a value may "
                        + "have at most 65536 (64 KiB)");
    }

    @Test
    void aFloodOfTinyValuesIsRefusedWhileItIsParsed() throws IOException {
        Path file = write("jobs: []\nextra: [" + "1,\n".repeat(300_000) + "1]\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": has more than 200000 keys, values, lists and mappings; a file may have at most "
                        + "200000 (a job written out in full has about 100)");
    }

    @Test
    void aNumberBeyondJacksonsLengthIsOneLineWithItsKey() throws IOException {
        Path file = write("jobs:\n  - label: com.example.a\n    liveness: { http: http://127.0.0.1:1/x, failureThreshold: "
                + "1".repeat(1_001) + " }\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": jobs[0].liveness.failureThreshold: Number value length (1001) exceeds the maximum "
                        + "allowed (1000)");
    }

    @Test
    void aWholeNumberBeyondALongIsOutOfRangeNotWrappedIntoIt() throws IOException {
        // 2^64 + 2 would wrap to 2, a valid threshold, if read as a long.
        Path file = write("jobs:\n  - label: com.example.a\n    liveness: { http: http://127.0.0.1:1/x, failureThreshold: "
                + "18446744073709551618 }\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": jobs[0].liveness.failureThreshold: 18446744073709551618 must be a whole number "
                        + "from 1 to 100");
    }

    @Test
    void aDurationOfAYearIsTheLongestAllowed() throws IOException {
        Path year = write("jobs: []\nhostRestartBudget: { window: 8760h }\n");
        assertThat(loader.load(year).hostBudget().window()).isEqualTo(ConfigDefaults.MAX_DURATION);

        Path longer = write("jobs: []\nhostRestartBudget: { window: 31536000001ms }\n");
        assertThatThrownBy(() -> loader.load(longer)).isInstanceOf(ConfigException.class)
                .hasMessage(longer + ": hostRestartBudget.window: '31536000001ms' is out of range; a duration is at most "
                        + "8760h (365 days)");
    }

    @Test
    void aStateDirUnderAFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("state"), "");
        Path file = write("stateDir: state/inner\njobs: []\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": stateDir: '" + dir.resolve("state/inner") + "' cannot be created: '"
                        + dir.resolve("state") + "' is not a folder; name a folder (it is created when missing)");
    }
}
