package dev.launchguard.doctor;

import dev.launchguard.fleet.LoadedPlist;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a job's plist on disk says now: its {@code LaunchguardPorts}, its command line and its digest, added to what
 * the job manager said. Shared by {@code launchguard doctor} and the stray watcher.
 */
public final class PlistOnDisk {

    private static final String PORTS_KEY = LaunchdJob.PORTS_KEY;

    private PlistOnDisk() {
    }

    /** Adds the plist's LaunchguardPorts and its digest on disk now. */
    public static Diagnosis.Job withDisk(Diagnosis.Job job) {
        if (job.plist().isEmpty()) {
            return job;
        }
        Path file = Path.of(job.plist().get());
        List<Integer> ports = new ArrayList<>(job.ports());
        List<String> command = job.command();
        try {
            LaunchdJob plist = Plists.read(file);
            Object listed = plist.extraKeys().get(PORTS_KEY);
            if (listed instanceof List<?> list) {
                list.stream().filter(Number.class::isInstance).map(n -> ((Number) n).intValue()).forEach(ports::add);
            }
            command = plist.argv();
        } catch (RuntimeException e) {
            // An unreadable plist shows up as drift (no digest on disk); its ports and command are then unknown.
        }
        return new Diagnosis.Job(job.label(), job.supervised(), job.state(), job.pid(), ports, job.plist(),
                job.loadedDigest(), LoadedPlist.digest(file), command);
    }
}
