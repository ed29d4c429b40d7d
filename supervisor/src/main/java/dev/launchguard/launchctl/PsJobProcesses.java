package dev.launchguard.launchctl;

import dev.launchguard.job.JobManagerException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link JobProcesses} read from macOS {@code ps -E}, which shows each process's environment, and
 * killed by a SIGKILL sender (kill(2) outside tests). A process that scrubs its environment escapes the scan;
 * docs/architecture.md says so. Elsewhere {@link TableJobProcesses} reads the process table instead.
 */
final class PsJobProcesses implements JobProcesses {

    /**
     * macOS ps(1): -E appends the environment, -ww keeps long lines whole. ps, not oshi: oshi reads
     * kern.procargs2, whose environment part recent macOS withholds from callers without Apple's entitlement.
     */
    static final List<String> MACOS_PS = List.of("/bin/ps", "-A", "-ww", "-E", "-o", "pid=,command=");
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d{1,18})\\s+(.*)$");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ProcessRunner runner;
    private final LongPredicate kill;

    /** Lists with ps through {@code runner}; {@code kill} sends SIGKILL, false when the PID is gone. */
    PsJobProcesses(ProcessRunner runner, LongPredicate kill) {
        this.runner = runner;
        this.kill = kill;
    }

    @Override
    public List<Long> pidsOf(String label) {
        ProcessRunner.Result result = run(label, MACOS_PS);
        if (result.exitCode() != 0) {
            throw new JobManagerException(label, "process scan failed: ps exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        return parse(result.stdout(), label, ProcessHandle.current().pid());
    }

    @Override
    public void kill(String label, long pid) {
        // False means the process is gone already: the respawn race is exactly that kind of timing.
        kill.test(pid);
    }

    /** PIDs of the rows of {@code ps} output whose environment carries the job's tag. */
    static List<Long> parse(String psOutput, String label, long self) {
        Pattern tag = Pattern.compile("(^|\\s)XPC_SERVICE_NAME=" + Pattern.quote(label) + "(\\s|$)");
        List<Long> pids = new ArrayList<>();
        for (String line : psOutput.split("\\R")) {
            Matcher row = ROW.matcher(line);
            if (row.matches() && tag.matcher(row.group(2)).find()) {
                long pid = Long.parseLong(row.group(1));
                if (pid != self) {
                    pids.add(pid);
                }
            }
        }
        return pids;
    }

    private ProcessRunner.Result run(String label, List<String> argv) {
        try {
            return runner.run(argv, TIMEOUT);
        } catch (IOException e) {
            throw new JobManagerException(label, argv.get(0) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobManagerException(label, argv.get(0) + " was interrupted");
        }
    }
}
