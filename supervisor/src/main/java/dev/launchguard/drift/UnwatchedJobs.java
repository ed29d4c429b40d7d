package dev.launchguard.drift;

import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.Plists;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds the jobs in a plist folder that a configuration does not watch, for {@code launchguard init
 * --check} and the drift kind {@code unwatched}. It only reads the folder: every {@code *.plist} as the
 * embedded engine lists it ({@link Plists#list}), each job known by its Label, not its file name.
 */
public final class UnwatchedJobs {

    /** Why a readable job is listed; the drift check prints such a job as just its label and file. */
    static final String NOT_WATCHED = "no job in launchguard.yaml has this label";
    static final String DISABLED = "Disabled is true in the plist, and " + NOT_WATCHED;

    private UnwatchedJobs() {
    }

    /**
     * The unwatched jobs of {@code plistFolder}, sorted by label (then file): each plist whose Label is
     * not in {@code watchedLabels}, a disabled one included, and each plist that does not parse, with
     * the parser's error.
     *
     * @throws PlistException naming the folder when it does not exist, is not a folder or cannot be listed
     */
    public static List<Unwatched> find(Path plistFolder, Set<String> watchedLabels) {
        return scan(plistFolder, watchedLabels).unwatched();
    }

    /** What one pass over the folder found: how many plists it read, and the unwatched among them. */
    record Scan(int plists, List<Unwatched> unwatched) {
    }

    static Scan scan(Path plistFolder, Set<String> watchedLabels) {
        List<Path> files = Plists.list(plistFolder);
        List<Unwatched> unwatched = new ArrayList<>();
        for (Path file : files) {
            LaunchdJob job;
            try {
                job = Plists.read(file);
            } catch (PlistException e) {
                String name = file.getFileName().toString();
                unwatched.add(new Unwatched(name.substring(0, name.length() - ".plist".length()), file,
                        "does not parse: " + e.keyPath().map(k -> k + ": ").orElse("") + e.problem()));
                continue;
            }
            if (!watchedLabels.contains(job.label())) {
                unwatched.add(new Unwatched(job.label(), file, job.disabled() ? DISABLED : NOT_WATCHED));
            }
        }
        unwatched.sort(Comparator.comparing(Unwatched::label).thenComparing(Unwatched::plist));
        return new Scan(files.size(), List.copyOf(unwatched));
    }
}
