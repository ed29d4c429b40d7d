package dev.launchguard.engine;

import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.process.JobProcess;
import dev.launchguard.process.ProcessTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last step of a verified bootout: which of a job's ports to see freed, and the bounded wait until they are. */
final class PortRelease {

    private static final Logger log = LoggerFactory.getLogger(PortRelease.class);

    /** How long bootout waits for the kernel to release a job's ports after its tree died. */
    static final Duration PORT_WAIT = Duration.ofSeconds(2);
    private static final long PORT_POLL_MILLIS = 20;

    private final ProcessTable table;
    private final LongSupplier nanos;

    PortRelease(ProcessTable table, LongSupplier nanos) {
        this.table = table;
        this.nanos = nanos;
    }

    /**
     * The job's {@code ports}, less those a process outside the job ({@code ours} rejects it) holds
     * before the teardown begins: a probe URL may name another service's port (a shared backend, a
     * proxy), or another launchguard's job of the same label may hold it, which stopping this job will
     * never free, so waiting for it would only add {@link #PORT_WAIT} to every bootout.
     */
    List<Integer> toAwait(LaunchdJob job, List<Integer> ports, Predicate<JobProcess> ours) {
        List<Integer> wanted = new ArrayList<>(ports);
        List<ProcessTable.PortOwner> held = wanted.isEmpty() ? List.of() : table.listeners(wanted);
        if (held.isEmpty()) {
            return wanted;
        }
        Set<Long> tagged = new HashSet<>();
        table.tagged(job.label()).stream().filter(ours).forEach(p -> tagged.add(p.pid()));
        for (ProcessTable.PortOwner owner : held) {
            if (!tagged.contains(owner.pid())) {
                wanted.remove(Integer.valueOf(owner.port()));
                log.info("Port held by a process outside the job, not waited for at bootout label={} port={} pid={}",
                        job.label(), owner.port(), owner.pid());
            }
        }
        return wanted;
    }

    /** Waits (bounded) until nobody listens on {@code wanted}; returns the ports verified free. */
    List<Integer> await(String label, List<Integer> wanted) {
        long deadline = nanos.getAsLong() + PORT_WAIT.toNanos();
        List<ProcessTable.PortOwner> held = wanted.isEmpty() ? List.of() : table.listeners(wanted);
        while (!held.isEmpty() && nanos.getAsLong() < deadline) {
            try {
                Thread.sleep(PORT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            held = table.listeners(wanted);
        }
        List<Integer> freed = new ArrayList<>(wanted);
        for (ProcessTable.PortOwner owner : held) {
            freed.remove(Integer.valueOf(owner.port()));
            log.warn("Port still held after bootout label={} port={} pid={}", label, owner.port(), owner.pid());
        }
        return freed;
    }
}
