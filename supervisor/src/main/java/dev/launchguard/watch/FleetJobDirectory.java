package dev.launchguard.watch;

import dev.launchguard.drift.JobDirectory;
import dev.launchguard.fleet.FleetView;
import dev.launchguard.fleet.JobView;
import dev.launchguard.fleet.LoadedPlist;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The job manager's view as the running supervisor holds it, for the drift watcher inside launchguard. */
final class FleetJobDirectory implements JobDirectory {

    private final FleetView fleet;

    FleetJobDirectory(FleetView fleet) {
        this.fleet = fleet;
    }

    @Override
    public Map<String, LoadedJob> jobs() {
        Map<String, LoadedJob> jobs = new LinkedHashMap<>();
        for (JobView job : fleet.jobs()) {
            Optional<LoadedPlist> plist = fleet.plist(job.label());
            jobs.put(job.label(), new LoadedJob(job.label(), job.state().name(), job.pid(),
                    plist.map(LoadedPlist::path), plist.flatMap(LoadedPlist::sha256)));
        }
        return jobs;
    }
}
