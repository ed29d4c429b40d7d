package dev.launchguard.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.PlistException;
import dev.launchguard.plist.Plists;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnwatchedJobsTest {

    @TempDir
    Path dir;

    private Path write(String file, LaunchdJob job) {
        Path path = dir.resolve(file);
        Plists.write(job, path);
        return path;
    }

    private static LaunchdJob job(String label) {
        return LaunchdJob.of(label, List.of("/usr/bin/true"));
    }

    @Test
    void listsEveryJobWhoseLabelIsNotWatchedSortedByLabelAndKnownByLabelNotFileName() {
        write("com.a.web.plist", job("com.a.web"));
        Path misnamed = write("b.plist", job("com.b.job"));
        write("com.c.watched.plist", job("com.c.watched"));
        // Named like a watched job, but its Label is another: the Label decides.
        Path impostor = write("com.d.watched.plist", job("com.z.other"));

        List<Unwatched> found = UnwatchedJobs.find(dir, Set.of("com.c.watched", "com.d.watched"));

        assertThat(found).containsExactly(
                new Unwatched("com.a.web", dir.resolve("com.a.web.plist"), "no job in launchguard.yaml has this label"),
                new Unwatched("com.b.job", misnamed, "no job in launchguard.yaml has this label"),
                new Unwatched("com.z.other", impostor, "no job in launchguard.yaml has this label"));
    }

    @Test
    void aWatchedJobInAMisnamedFileIsNotListed() {
        write("whatever.plist", job("com.a.web"));

        assertThat(UnwatchedJobs.find(dir, Set.of("com.a.web"))).isEmpty();
    }

    @Test
    void aDisabledJobIsStillListedAndItsWhySaysDisabled() {
        Path plist = write("com.a.off.plist", job("com.a.off").withDisabled(true));

        assertThat(UnwatchedJobs.find(dir, Set.of())).containsExactly(new Unwatched("com.a.off", plist,
                "Disabled is true in the plist, and no job in launchguard.yaml has this label"));
    }

    @Test
    void aPlistThatDoesNotParseIsReportedWithItsFileAndTheParsersError() throws Exception {
        Path broken = Files.writeString(dir.resolve("com.a.broken.plist"), "<?xml version=\"1.0\"?><plist><dict><key>Label");
        Path noLabel = Files.writeString(dir.resolve("nolabel.plist"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <plist version="1.0"><dict><key>Program</key><string>/usr/bin/true</string></dict></plist>
                """);
        write("com.b.fine.plist", job("com.b.fine"));

        List<Unwatched> found = UnwatchedJobs.find(dir, Set.of("com.b.fine"));

        assertThat(found).extracting(Unwatched::label, Unwatched::plist)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("com.a.broken", broken),
                        org.assertj.core.groups.Tuple.tuple("nolabel", noLabel));
        assertThat(found.get(0).why()).startsWith("does not parse: is not valid XML: line 1, column ");
        assertThat(found.get(1).why()).startsWith("does not parse: Label: is missing; launchd requires a Label");
    }

    @Test
    void onlyPlistFilesAreReadAndAnEmptyFolderHasNone() throws Exception {
        Files.writeString(dir.resolve("README.txt"), "not a plist");

        assertThat(UnwatchedJobs.scan(dir, Set.of())).isEqualTo(new UnwatchedJobs.Scan(0, List.of()));
    }

    @Test
    void aMissingFolderIsAnErrorNamingIt() {
        Path missing = dir.resolve("LaunchAgents");

        assertThatThrownBy(() -> UnwatchedJobs.find(missing, Set.of())).isInstanceOf(PlistException.class)
                .hasMessage(missing + ": does not exist; allowed: a folder of launchd plists");
    }

    @Test
    void aFileInPlaceOfTheFolderIsAnErrorNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("LaunchAgents"), "");

        assertThatThrownBy(() -> UnwatchedJobs.find(file, Set.of())).isInstanceOf(PlistException.class)
                .hasMessage(file + ": is not a folder; allowed: a folder of launchd plists");
    }
}
