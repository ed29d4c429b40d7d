package dev.launchguard.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.process.JobProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * launchguard as operators run it, with its file descriptors exhausted for a while: every open,
 * socket and {@code /proc} read fails with EMFILE ("Too many open files"), as in the incident where
 * slow API connections used up {@code ulimit -n}. A process table it cannot read must be "unknown",
 * never "gone": the healthy job is neither crashed nor restarted, and is READY with the same PID
 * once descriptors are back.
 *
 * <p>The descriptors are exhausted from outside, by lowering the running daemon's soft
 * RLIMIT_NOFILE to 3 with {@code prlimit --pid} (util-linux): a new descriptor is always the lowest
 * free number, and 0-2 are taken, so every new one fails exactly as when the table is full, while
 * the descriptors already open (the log on stderr, the jar, the listening sockets) keep working.
 * Exhausting them through the API instead is the API team's test: its connection cap exists to
 * prevent exactly that.
 */
class DescriptorExhaustionIT {

    private static final Duration START = Duration.ofSeconds(60);
    /** How many unreadable-evidence looks to wait for: several liveness rounds (500 ms) past the threshold. */
    private static final int UNKNOWN_LOOKS = 8;
    private static final Pattern SOFT_LIMIT = Pattern.compile("(?m)^Max open files\\s+(\\d+)\\s");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Fleet fleet;
    private Process launchguard;
    private Path log;
    private final String web = Fleet.label("fds");
    private final int port = Fleet.freePort();
    private final int apiPort = Fleet.freePort();

    @AfterEach
    void stop() throws Exception {
        if (launchguard != null && launchguard.isAlive()) {
            launchguard.destroy();
            if (!launchguard.waitFor(60, TimeUnit.SECONDS)) {
                launchguard.destroyForcibly().waitFor();
            }
        }
        assertThat(Fleet.killLeftovers(List.of(web))).as("processes left behind").isEmpty();
    }

    @Test
    void aProcessTableUnreadableForLackOfDescriptorsNeitherCrashesNorRestartsAHealthyJob() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")) && Files.isDirectory(Path.of("/proc")),
                "needs Linux's /proc and util-linux's /usr/bin/prlimit to lower a running process's descriptor limit");
        start();
        await().atMost(START).until(() -> "READY".equals(state()));
        long pid = job().path("pid").asLong();
        long soft = softLimit(launchguard.pid());

        prlimit(launchguard.pid(), 3);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> unknownLooks() >= UNKNOWN_LOOKS || logText().contains("Job crashed"));
            // The liveness probe cannot open its socket either: the job fails liveness, and the
            // process table, read to judge that, is unknown; no verdict follows from either.
            assertThat(logText()).as("launchguard's log while its descriptors were exhausted")
                    .contains("Liveness failing job=" + web)
                    .doesNotContain("Job crashed").doesNotContain("Job wedged").doesNotContain("Restarting job")
                    .doesNotContain("Watcher step failed").doesNotContain("An exception was thrown by");
            assertThat(logText().lines().filter(l -> l.contains("Process evidence unknown")))
                    .allSatisfy(l -> assertThat(l).contains("Too many open files"));
        } finally {
            prlimit(launchguard.pid(), soft);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "READY".equals(state()));
        assertThat(logText()).contains("Liveness answers again job=" + web);
        JsonNode job = job();
        assertThat(job.path("pid").asLong()).as("the same instance, still supervised").isEqualTo(pid);
        assertThat(job.path("restarts")).as("restarts").isEmpty();
        assertThat(Fleet.tagged(web)).as("the job's processes").extracting(JobProcess::pid).containsExactly(pid);
        assertThat(logText()).doesNotContain("Job crashed").doesNotContain("Restarting job");
    }

    private void start() throws IOException {
        fleet = new Fleet(dir);
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok");
        LaunchdJob job = LaunchdJob.of(web, List.of("/usr/bin/python3", "-m", "http.server", String.valueOf(port),
                        "--bind", "127.0.0.1", "--directory", www.toString()))
                .withKeepAlive(KeepAlive.forever()).withRunAtLoad(true)
                .withThrottleInterval(Duration.ofSeconds(1)).withExitTimeOut(Duration.ofSeconds(2))
                .withStandardErrorPath(fleet.logs.resolve(web + ".log"));
        fleet.add(job, "    liveness:\n      http: http://127.0.0.1:" + port + "/\n      interval: 500ms\n");
        Path config = fleet.writeConfig(apiPort);
        log = fleet.logs.resolve("launchguard.log");
        ProcessBuilder run = new ProcessBuilder(Fleet.java(), "-jar", Fleet.launchguardJar().toString(), "run",
                "--config", config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // DEBUG: each look at the process table that could not be read is logged.
        run.environment().put("LAUNCHGUARD_LOG_LEVEL", "DEBUG");
        launchguard = run.start();
    }

    /** Sets the soft RLIMIT_NOFILE of {@code pid}, leaving the hard limit as it is. */
    private static void prlimit(long pid, long soft) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/prlimit", "--pid", Long.toString(pid), "--nofile=" + soft + ":")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("prlimit: %s", out).isZero();
    }

    private static long softLimit(long pid) throws IOException {
        Matcher m = SOFT_LIMIT.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "limits")));
        assertThat(m.find()).as("/proc/%d/limits names the open files limit", pid).isTrue();
        return Long.parseLong(m.group(1));
    }

    private long unknownLooks() throws IOException {
        return logText().lines().filter(l -> l.contains("Process evidence unknown")).count();
    }

    private String logText() throws IOException {
        return Files.readString(log);
    }

    private JsonNode job() throws IOException, InterruptedException {
        HttpResponse<String> r = Fleet.get("http://127.0.0.1:" + apiPort + "/api/v1/jobs/" + web);
        assertThat(r.statusCode()).as("GET job: %s", r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The job's state from the API, or null while launchguard is not answering. */
    private String state() {
        assertThat(launchguard.isAlive()).as("launchguard is running").isTrue();
        try {
            return job().path("state").asText();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
