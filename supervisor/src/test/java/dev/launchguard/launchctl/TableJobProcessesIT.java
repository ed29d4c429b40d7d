package dev.launchguard.launchctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.launchguard.process.ProcessTable;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lineage scan against this machine's process table (oshi) and real processes. */
class TableJobProcessesIT {

    private static final String LABEL = "dev.launchguard.it.lineage";
    private final TableJobProcesses processes = new TableJobProcesses(new ProcessTable());
    private Process job;
    private Process neighbour;

    @AfterEach
    void stopProcesses() {
        for (Process process : new Process[] {job, neighbour}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void findsAndKillsOnlyTheProcessTaggedWithTheLabel() throws Exception {
        job = start(LABEL);
        neighbour = start(LABEL + ".other");

        assertThat(processes.pidsOf(LABEL)).containsExactly(job.pid());

        processes.kill(LABEL, job.pid());

        await().atMost(Duration.ofSeconds(10)).until(() -> !job.isAlive());
        assertThat(processes.pidsOf(LABEL)).isEmpty();
        assertThat(neighbour.isAlive()).isTrue();
    }

    private static Process start(String label) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sleep", "60");
        builder.environment().put("XPC_SERVICE_NAME", label);
        return builder.start();
    }
}
