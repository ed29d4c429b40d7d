package dev.launchguard.job;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The evidence that a verified bootout left nothing behind.
 *
 * @param label the job that was torn down
 * @param stoppedPids every process of the job's tree that was running when the teardown began
 * @param forced whether SIGKILL was needed because SIGTERM did not end the tree within ExitTimeOut
 * @param survivors processes of the tree still alive at the end (empty unless the teardown failed)
 * @param portsFreed the job's ports, each verified free before returning
 * @param elapsed how long the teardown took
 */
public record Teardown(
        String label,
        List<Long> stoppedPids,
        boolean forced,
        List<Long> survivors,
        List<Integer> portsFreed,
        Duration elapsed) {

    public Teardown {
        Objects.requireNonNull(label, "label");
        stoppedPids = List.copyOf(stoppedPids);
        survivors = List.copyOf(survivors);
        portsFreed = List.copyOf(portsFreed);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when no process of the job's tree survived. */
    public boolean clean() {
        return survivors.isEmpty();
    }
}
