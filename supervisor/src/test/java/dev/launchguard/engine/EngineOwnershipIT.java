package dev.launchguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.job.JobStatus;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines with state folders apart running the same plist, as two launchguards running the
 * demo do: each tags its jobs with its own state folder, and bootout, kickstart -k, strays, reaping
 * and close touch only its own processes. Every job runs in a session of its own under its own PID.
 */
class EngineOwnershipIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ProcessTable TABLE = new ProcessTable();

    @TempDir
    Path dir;

    private final List<String> labels = new ArrayList<>();
    private EmbeddedJobManager ours;
    private EmbeddedJobManager theirs;
    private LaunchdJob job;

    @BeforeEach
    void start() throws IOException {
        ours = new EmbeddedJobManager(dir.resolve("ours"));
        theirs = new EmbeddedJobManager(dir.resolve("theirs"));
        // A wrapper with a child, so a teardown that went by the label would find two processes of theirs.
        job = TestJobs.sh(TestJobs.label("twin"), "sleep 300 & wait")
                .withKeepAlive(KeepAlive.forever()).withThrottleInterval(Duration.ZERO)
                .withExitTimeOut(Duration.ofSeconds(2));
        TestJobs.load(ours, Files.createDirectories(dir.resolve("ours-plists")), labels, job);
        TestJobs.load(theirs, Files.createDirectories(dir.resolve("theirs-plists")), labels, job);
        TestJobs.awaitRunning(ours, job.label(), WAIT);
        TestJobs.awaitRunning(theirs, job.label(), WAIT);
        await().atMost(WAIT).until(() -> owned(theirs).size() == 2 && owned(ours).size() == 2);
    }

    @AfterEach
    void stop() {
        ours.close();
        theirs.close();
        assertThat(TestJobs.killTagged(labels)).as("processes left behind").isEmpty();
    }

    @Test
    void eachEngineTagsItsJobsWithItsOwnStateFolder() throws IOException {
        assertThat(ours.owner()).isEqualTo(dir.resolve("ours").toRealPath().toString());
        assertThat(TestJobs.tagged(job.label())).hasSize(4)
                .allSatisfy(p -> assertThat(p.owner()).hasValueSatisfying(o -> assertThat(o).isIn(ours.owner(),
                        theirs.owner())));
    }

    @Test
    void bootoutKickstartStraysAndCloseOfOneEngineNeverTouchTheOthersProcesses() {
        List<JobProcess> before = owned(theirs);

        ours.kickstart(job.label(), true);
        assertAlive(before, "after kickstart -k");

        assertThat(ours.strays(job.label()).orphans()).as("their processes are not our orphans").isEmpty();
        ours.reapStrays(job.label());
        assertAlive(before, "after reaping strays");

        assertThat(ours.bootout(job.label()).clean()).isTrue();
        assertThat(owned(ours)).as("our processes after bootout").isEmpty();
        assertAlive(before, "after bootout");

        ours.close();
        assertAlive(before, "after close");
        assertThat(theirs.status(job.label()).runs()).as("theirs never respawned").isEqualTo(1);
    }

    @Test
    void everyJobRunsInASessionOfItsOwnUnderTheSpawnedPid() throws IOException {
        JobStatus status = ours.status(job.label());
        long pid = status.pid().orElseThrow();

        assertThat(session(pid)).as("session of the job's main process").isEqualTo(pid);
        assertThat(session(pid)).isNotEqualTo(session(ProcessHandle.current().pid()));
        assertThat(ProcessHandle.of(pid).orElseThrow().parent().map(ProcessHandle::pid))
                .as("setsid(1) exec'd in place: the engine's child is the job").hasValue(ProcessHandle.current().pid());
    }

    private List<JobProcess> owned(EmbeddedJobManager engine) {
        return TABLE.tagged(job.label()).stream().filter(p -> p.ownedBy(engine.owner())).toList();
    }

    private static void assertAlive(List<JobProcess> processes, String when) {
        assertThat(processes).as("their processes " + when)
                .allSatisfy(p -> assertThat(TABLE.alive(p.pid(), p.started())).as("pid %d alive", p.pid()).isTrue());
    }

    /** The session ID from /proc/PID/stat (the sixth field; the second, the command, may hold spaces). */
    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }
}
