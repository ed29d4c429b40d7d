package dev.launchguard.launchctl;

import dev.launchguard.job.JobManagerException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link JobProcesses} read from {@code ps} with environments shown ({@code ps -E} on macOS,
 * {@code ps e} on Linux) and killed with {@code kill -KILL}. A process that scrubs its environment
 * escapes the scan; docs/architecture.md says so.
 */
final class PsJobProcesses implements JobProcesses {

    /** macOS ps(1): -E appends the environment, -ww keeps long lines whole. */
    static final List<String> MACOS_PS = List.of("/bin/ps", "-A", "-ww", "-E", "-o", "pid=,command=");
    /** procps: BSD-style "e" appends the environment. */
    static final List<String> LINUX_PS = List.of("ps", "axeww", "-o", "pid=,args=");
    private static final Pattern ROW = Pattern.compile("^\\s*(\\d{1,18})\\s+(.*)$");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ProcessRunner runner;
    private final List<String> psArgv;

    PsJobProcesses(ProcessRunner runner, List<String> psArgv) {
        this.runner = runner;
        this.psArgv = List.copyOf(psArgv);
    }

    @Override
    public List<Long> pidsOf(String label) {
        ProcessRunner.Result result = run(label, psArgv);
        if (result.exitCode() != 0) {
            throw new JobManagerException(label, "process scan failed: ps exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        return parse(result.stdout(), label, ProcessHandle.current().pid());
    }

    @Override
    public void kill(String label, long pid) {
        // Exit 1 means the process is gone already: the respawn race is exactly that kind of timing.
        run(label, List.of("/bin/kill", "-KILL", Long.toString(pid)));
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
