package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.job.JobEvents;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Teardown;
import dev.launchguard.job.Termination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * launchd reports no exits; the reporting job manager turns the PIDs that launchctl's answers show
 * into spawn and exit events. A real process stands in for the job's instance; the launchctl side
 * is a status that names it (no Mac here).
 */
class ReportingJobManagerIT {

    private static final String LABEL = "com.example.web";

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final JobEvents listener = new JobEvents() {
        @Override
        public void spawned(String label, long pid) {
            events.add("spawned " + label + " " + pid);
        }

        @Override
        public void exited(String label, long pid, Optional<Termination> how) {
            events.add("exited " + label + " " + pid + " " + how.map(Object::toString).orElse("unknown"));
        }
    };
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aPidSeenInAStatusIsReportedOnceAndItsEndAsItHappens() throws Exception {
        process = new ProcessBuilder("/bin/sleep", "60").start();
        long pid = process.pid();
        ReportingJobManager jobs = new ReportingJobManager(new OneJob(pid), listener);

        jobs.status(LABEL);
        jobs.status(LABEL);
        jobs.list();
        assertThat(events).containsExactly("spawned com.example.web " + pid);

        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
                .containsExactly("spawned com.example.web " + pid, "exited com.example.web " + pid + " unknown"));
    }

    @Test
    void aPidThatIsAlreadyGoneIsReportedEndedAtOnce() throws Exception {
        process = new ProcessBuilder("/bin/true").start();
        long pid = process.pid();
        process.waitFor();
        process.onExit().get();
        ReportingJobManager jobs = new ReportingJobManager(new OneJob(pid), listener);

        jobs.status(LABEL);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
                .containsExactly("spawned com.example.web " + pid, "exited com.example.web " + pid + " unknown"));
    }

    @Test
    void aJobThatRunsNothingReportsNothing() {
        new ReportingJobManager(new OneJob(0), listener).status(LABEL);
        assertThat(events).isEmpty();
    }

    /** launchctl's side: one job whose status names {@code pid} (0: not running). */
    private record OneJob(long pid) implements JobManager {
        @Override
        public JobStatus status(String label) {
            return new JobStatus(label, true, pid == 0 ? RunState.NOT_RUNNING : RunState.RUNNING,
                    pid == 0 ? OptionalLong.empty() : OptionalLong.of(pid), Optional.empty(), 1, Optional.empty());
        }

        @Override
        public List<JobStatus> list() {
            return List.of(status(LABEL));
        }

        @Override
        public JobStatus bootstrap(Path plist) {
            return status(LABEL);
        }

        @Override
        public Teardown bootout(String label) {
            return new Teardown(label, List.of(), false, List.of(), List.of(), Duration.ZERO);
        }

        @Override
        public JobStatus kickstart(String label, boolean kill) {
            return status(label);
        }

        @Override
        public void signal(String label, Signal signal) {
        }

        @Override
        public void enable(String label) {
        }

        @Override
        public Teardown disable(String label) {
            return bootout(label);
        }

        @Override
        public void close() {
        }
    }
}
