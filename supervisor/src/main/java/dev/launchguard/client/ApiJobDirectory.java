package dev.launchguard.client;

import dev.launchguard.doctor.Diagnosis;
import dev.launchguard.drift.JobDirectory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The job manager's view as the running launchguard's API gives it, for the drift watcher run from the CLI. */
public final class ApiJobDirectory implements JobDirectory {

    private final ApiClient client;

    public ApiJobDirectory(ApiClient client) {
        this.client = client;
    }

    @Override
    public Map<String, LoadedJob> jobs() {
        Map<String, Diagnosis.Job> jobs = new LinkedHashMap<>();
        try {
            FleetSnapshot.fromApi(client, jobs);
        } catch (ApiClient.UnreachableException e) {
            throw new Unavailable("launchguard is not running at " + client.base() + "; start it with 'launchguard run' "
                    + "(or './launchguard demo'): " + e.reason(), e);
        } catch (Exception e) {
            throw new Unavailable("launchguard at " + client.base() + " gave an answer that cannot be read: "
                    + e.getMessage(), e);
        }
        Map<String, LoadedJob> loaded = new HashMap<>();
        jobs.values().forEach(j -> loaded.put(j.label(), new LoadedJob(j.label(), j.state(), j.pid(),
                j.plist().map(Path::of), j.loadedDigest())));
        return loaded;
    }
}
