package dev.launchguard.adopt;

import dev.launchguard.plist.LaunchdJob;

/** Where discovery learns whether a job runs: launchd's table on macOS, the process table elsewhere. */
public interface JobPresence {

    /** The job as its job manager shows it now; never throws for a job it does not know. */
    Seen of(LaunchdJob job);
}
