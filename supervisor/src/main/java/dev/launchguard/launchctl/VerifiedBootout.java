package dev.launchguard.launchctl;

import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.Teardown;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootout procedure real Macs need: {@code bootout} returns before the job is gone, so poll
 * {@code print} until it answers 113, then SIGKILL any process of the job that outlived it
 * (launchd may respawn a KeepAlive job while the unload is in flight).
 */
final class VerifiedBootout {

    private static final Logger LOG = LoggerFactory.getLogger(VerifiedBootout.class);

    private final Launchctl launchctl;
    private final JobProcesses processes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LaunchctlSettings settings;

    VerifiedBootout(Launchctl launchctl, JobProcesses processes, Clock clock, Sleeper sleeper,
            LaunchctlSettings settings) {
        this.launchctl = launchctl;
        this.processes = processes;
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = settings;
    }

    /**
     * Boots {@code label} out of {@code domain} and returns once launchd no longer knows it and no
     * process of it is left; {@code plist} is needed only for the legacy {@code unload} fallback.
     */
    Teardown run(String label, Domain domain, Optional<Path> plist) {
        Instant start = clock.instant();
        String target = domain.service(label);
        Set<Long> stopped = new LinkedHashSet<>(processes.pidsOf(label));
        Launchctl.Outcome outcome = launchctl.call(label, "bootout", target);
        if (outcome.failedWith(LaunchctlReason.UNRECOGNIZED_SUBCOMMAND)) {
            legacyUnload(label, plist);
        } else if (outcome.failedWith(LaunchctlReason.NO_SUCH_PROCESS, LaunchctlReason.NOT_FOUND)) {
            LOG.debug("Bootout found nothing to stop job={}", label);
        } else if (!outcome.failedWith(LaunchctlReason.IN_PROGRESS)) {
            outcome.stdoutOrThrow();
        }
        awaitUnloaded(label, target);
        List<Long> respawned = processes.pidsOf(label);
        stopped.addAll(respawned);
        for (long pid : respawned) {
            LOG.warn("Killing process that outlived bootout job={} pid={}", label, pid);
            processes.kill(label, pid);
        }
        List<Long> survivors = respawned.isEmpty() ? List.of() : awaitNoProcesses(label);
        Duration elapsed = Duration.between(start, clock.instant());
        LOG.info("Booted out job={} stopped={} forced={} survivors={} elapsed={}", label, stopped,
                !respawned.isEmpty(), survivors, elapsed);
        return new Teardown(label, new ArrayList<>(stopped), !respawned.isEmpty(), survivors, List.of(), elapsed);
    }

    /** OS X 10.10 has no bootout (error-unrecognized-subcommand-bootout-yosemite-PARTIAL.txt). */
    private void legacyUnload(String label, Optional<Path> plist) {
        Path path = plist.orElseThrow(() -> new JobManagerException(label,
                "cannot be unloaded: this launchctl has no bootout and the job's plist is unknown"));
        // unload exits 0 even when it fails; Launchctl reads stderr. "Unload failed: 5" is also what
        // an already-unloaded job answers (error-unload-5.txt), so the print poll below decides.
        Launchctl.Outcome outcome = launchctl.call(label, "unload", path.toString());
        if (!outcome.failedWith(LaunchctlReason.IO_ERROR)) {
            outcome.stdoutOrThrow();
        }
    }

    private void awaitUnloaded(String label, String target) {
        Instant deadline = clock.instant().plus(settings.unloadTimeout());
        while (true) {
            Launchctl.Outcome print = launchctl.call(label, "print", target);
            if (print.failedWith(LaunchctlReason.NOT_FOUND)) {
                return;
            }
            print.stdoutOrThrow();
            if (!clock.instant().isBefore(deadline)) {
                throw new JobManagerException(label, "is still loaded " + settings.unloadTimeout()
                        + " after bootout (launchctl print still describes it)");
            }
            pause(label);
        }
    }

    private List<Long> awaitNoProcesses(String label) {
        Instant deadline = clock.instant().plus(settings.killTimeout());
        List<Long> alive = processes.pidsOf(label);
        while (!alive.isEmpty() && clock.instant().isBefore(deadline)) {
            pause(label);
            alive = processes.pidsOf(label);
        }
        return alive;
    }

    private void pause(String label) {
        try {
            sleeper.sleep(settings.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobManagerException(label, "bootout was interrupted while waiting for the job to go");
        }
    }
}
