package dev.launchguard.supervisor;

import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Teardown;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A job manager for one job, in memory: it reports a PID, and its kickstart can be made to fail a
 * number of times, as launchctl or the engine does when the host is out of file descriptors (the
 * kill does not take, the old instance keeps running). Records when each kickstart was asked for.
 */
final class ScriptedJobManager implements JobManager {

    private final String label;
    private final Clock clock;
    private final List<Instant> kickstarts = new ArrayList<>();
    private long pid;
    private long nextPid;
    private long runs;
    private boolean loaded = true;
    private boolean runAtLoad;
    private boolean disabled;
    private int failuresLeft;
    private int bootouts;
    private Optional<Instant> throttledUntil = Optional.empty();

    ScriptedJobManager(String label, long pid, Clock clock) {
        this.label = label;
        this.pid = pid;
        this.nextPid = pid + 1;
        this.runs = pid == 0 ? 0 : 1;
        this.clock = clock;
    }

    /** The next {@code count} kickstarts throw, leaving whatever runs running. */
    void failKickstarts(int count) {
        failuresLeft = count;
    }

    /** Loading the job starts an instance, as launchd does for a RunAtLoad job. */
    void runAtLoad() {
        runAtLoad = true;
    }

    /** The job manager started a new instance by itself (launchd's KeepAlive); returns its PID. */
    long respawn() {
        pid = nextPid++;
        runs++;
        return pid;
    }

    /** The job manager holds the next spawn back until {@code until} (launchd's ThrottleInterval). */
    void throttledUntil(Optional<Instant> until) {
        throttledUntil = until;
    }

    boolean loaded() {
        return loaded;
    }

    int bootouts() {
        return bootouts;
    }

    /** The running instance's PID, 0 when none runs. */
    long pid() {
        return pid;
    }

    /** The instance ended (the job manager noticed; nothing respawns it). */
    void ended() {
        pid = 0;
    }

    List<Instant> kickstarts() {
        return List.copyOf(kickstarts);
    }

    @Override
    public JobStatus kickstart(String job, boolean kill) {
        kickstarts.add(clock.instant());
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new JobManagerException(job, "could not be spawned: Too many open files");
        }
        if (kill || pid == 0) {
            pid = nextPid++;
            runs++;
        }
        return status(job);
    }

    @Override
    public JobStatus status(String job) {
        if (!loaded) {
            return JobStatus.unloaded(job);
        }
        return new JobStatus(job, true, pid == 0 ? RunState.NOT_RUNNING : RunState.RUNNING,
                pid == 0 ? OptionalLong.empty() : OptionalLong.of(pid), Optional.empty(), runs,
                pid == 0 ? throttledUntil : Optional.empty());
    }

    @Override
    public JobStatus bootstrap(Path plist) {
        if (disabled) {
            throw new JobManagerException(label, "is disabled");
        }
        loaded = true;
        if (runAtLoad && pid == 0) {
            respawn();
        }
        return status(label);
    }

    @Override
    public Teardown bootout(String job) {
        List<Long> stopped = pid == 0 ? List.of() : List.of(pid);
        bootouts++;
        pid = 0;
        loaded = false;
        return new Teardown(job, stopped, false, List.of(), List.of(), Duration.ZERO);
    }

    @Override
    public void signal(String job, Signal signal) {
    }

    /** Left disabled by an earlier run: not loaded, with the persistent override set. */
    void leftDisabled() {
        disabled = true;
        bootout(label);
    }

    @Override
    public boolean disabled(String job) {
        return disabled;
    }

    @Override
    public void enable(String job) {
        disabled = false;
    }

    @Override
    public Teardown disable(String job) {
        disabled = true;
        return bootout(job);
    }

    @Override
    public List<JobStatus> list() {
        return List.of(status(label));
    }

    @Override
    public void close() {
    }
}
