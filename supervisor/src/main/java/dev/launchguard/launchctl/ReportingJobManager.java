package dev.launchguard.launchctl;

import dev.launchguard.job.JobEvents;
import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Teardown;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * launchd tells nobody when a job's process starts or exits; this job manager in front of
 * launchctl's reports the PIDs its answers reveal as {@link JobEvents}, as the embedded engine
 * reports its children: {@code spawned} when a job's PID is first seen, {@code exited} when the
 * JDK sees that process end ({@link ProcessHandle#onExit()}, which polls a process that is not
 * launchguard's child). The exit status is launchd's to know: {@code how} is always empty here,
 * and the job's {@code lastExit} tells it later.
 */
public final class ReportingJobManager implements JobManager {

    private final JobManager launchd;
    private final JobEvents events;
    /** The PID last reported per label. */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public ReportingJobManager(JobManager launchd, JobEvents events) {
        this.launchd = launchd;
        this.events = events;
    }

    private JobStatus seen(JobStatus status) {
        if (!status.running() || status.pid().isEmpty()) {
            return status;
        }
        long pid = status.pid().getAsLong();
        Long before = seen.put(status.label(), pid);
        if (before == null || before != pid) {
            events.spawned(status.label(), pid);
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                handle.get().onExit().thenRun(() -> events.exited(status.label(), pid, Optional.empty()));
            } else {
                events.exited(status.label(), pid, Optional.empty());
            }
        }
        return status;
    }

    @Override
    public JobStatus bootstrap(Path plist) {
        return seen(launchd.bootstrap(plist));
    }

    @Override
    public Teardown bootout(String label) {
        return launchd.bootout(label);
    }

    @Override
    public JobStatus kickstart(String label, boolean kill) {
        return seen(launchd.kickstart(label, kill));
    }

    @Override
    public void signal(String label, Signal signal) {
        launchd.signal(label, signal);
    }

    @Override
    public void enable(String label) {
        launchd.enable(label);
    }

    @Override
    public Teardown disable(String label) {
        return launchd.disable(label);
    }

    @Override
    public boolean disabled(String label) {
        return launchd.disabled(label);
    }

    @Override
    public JobStatus status(String label) {
        return seen(launchd.status(label));
    }

    @Override
    public List<JobStatus> list() {
        List<JobStatus> all = launchd.list();
        all.forEach(this::seen);
        return all;
    }

    @Override
    public void close() {
        launchd.close();
    }
}
