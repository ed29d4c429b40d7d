package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.launchguard.config.ConfigLoader;
import dev.launchguard.fleet.JobView;
import dev.launchguard.health.HealthState;
import dev.launchguard.plist.BinaryPlist;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile plists beside a good one in the plist folder: each is refused in one log line naming the
 * file and what is wrong, launchguard starts, and the good job runs and is supervised.
 */
class HostilePlistsIT {

    private static final String WEB = "dev.launchguard.test.hostile";

    @TempDir
    Path dir;

    private final Logger log = (Logger) LoggerFactory.getLogger(Launchguard.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Launchguard launchguard;

    @AfterEach
    void stop() {
        log.detachAppender(logged);
        if (launchguard != null) {
            launchguard.close();
        }
    }

    @Test
    void badPlistsAreRefusedOneLineEachAndTheGoodJobIsSupervised() throws Exception {
        int port = Fleet.freePort();
        Path plists = Files.createDirectories(dir.resolve("plists"));
        Path www = Files.createDirectories(dir.resolve("www"));
        Plists.write(LaunchdJob.of(WEB, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port), "--bind",
                        "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true).withExitTimeOut(Duration.ofSeconds(2)),
                plists.resolve(WEB + ".plist"));
        // A binary plist 5,000 arrays deep, sorted before the good one so it is loaded first.
        Files.write(plists.resolve("a.deep.plist"), BinaryPlist.nestedArrays(5_000));
        try (RandomAccessFile big = new RandomAccessFile(plists.resolve("b.big.plist").toFile(), "rw")) {
            big.setLength(30L * 1024 * 1024);
        }
        Files.writeString(plists.resolve("c.walk.plist"), "<plist><dict><key>Label</key><string>../../x</string>"
                + "<key>ProgramArguments</key><array><string>/bin/sleep</string></array><key>RunAtLoad</key><true/>"
                + "</dict></plist>", StandardCharsets.UTF_8);
        assertThat(new ProcessBuilder("mkfifo", plists.resolve("d.fifo.plist").toString()).start().waitFor()).isZero();
        Path config = dir.resolve("launchguard.yaml");
        Files.writeString(config, "listen: 127.0.0.1:0\nplists: plists\nengine: embedded\nstateDir: state\njobs:\n"
                + "  - label: " + WEB + "\n    liveness: { http: \"http://127.0.0.1:" + port + "/\", interval: 500ms }\n");
        logged.start();
        log.addAppender(logged);

        launchguard = Launchguard.start(new ConfigLoader(dir).load(config), Clock.systemUTC());

        await().atMost(Duration.ofSeconds(30)).until(() -> launchguard.supervisor().job(WEB)
                .map(JobView::state).orElse(null) == HealthState.READY);
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals().size() == 4);
        assertThat(refusals()).satisfiesExactlyInAnyOrder(
                line -> assertThat(line).contains("a.deep.plist").contains("nests more than 32 values deep"),
                line -> assertThat(line).contains("b.big.plist").contains("is 31,457,280 bytes; allowed: at most"),
                line -> assertThat(line).contains("c.walk.plist").contains("Label: \"../../x\" is not in reverse-DNS form"),
                line -> assertThat(line).contains("d.fifo.plist").contains("is not a regular file"));
        assertThat(refusals()).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
        assertThat(launchguard.jobs().list()).extracting(s -> s.label()).containsExactly(WEB);
    }

    private List<String> refusals() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("Plist not loaded")).toList();
    }
}
