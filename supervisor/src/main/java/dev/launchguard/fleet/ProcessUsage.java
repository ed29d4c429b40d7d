package dev.launchguard.fleet;

import java.util.List;

/**
 * What the process table says of a job's running process tree: its PIDs (the main process first),
 * the CPU it used over a short window as a percentage of one core, and its resident memory summed.
 */
public record ProcessUsage(List<Long> pids, double cpuPercent, long rssBytes) {

    public ProcessUsage {
        pids = List.copyOf(pids);
        if (pids.isEmpty()) {
            throw new IllegalArgumentException("a process tree has at least its main process");
        }
    }
}
