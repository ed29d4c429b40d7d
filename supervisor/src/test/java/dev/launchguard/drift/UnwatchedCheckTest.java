package dev.launchguard.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.config.ConfigException;
import dev.launchguard.plist.LaunchdJob;
import dev.launchguard.plist.Plists;
import dev.launchguard.process.ProcessTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift kind {@code unwatched}: read from a drift file, then run against a real plist folder. */
class UnwatchedCheckTest {

    @TempDir
    Path dir;

    private Path agents;
    private WatchedJobs configured;

    @BeforeEach
    void folder() throws Exception {
        agents = Files.createDirectories(dir.resolve("LaunchAgents"));
        configured = new WatchedJobs("/etc/launchguard.yaml", Set.of("com.a.watched"), agents);
        write("com.a.watched.plist", "com.a.watched");
    }

    private void write(String file, String label) {
        Plists.write(LaunchdJob.of(label, List.of("/usr/bin/true")), agents.resolve(file));
    }

    private List<DriftCheck> load(String yaml) throws Exception {
        return new DriftFile(Path.of("/home/op")).load(Files.writeString(dir.resolve("drift.yaml"), yaml));
    }

    private String error(String yaml) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(() -> load(yaml), ConfigException.class).getMessage()
                .replace(dir.toString(), "<dir>");
    }

    private DriftResult run(DriftCheck check, Optional<WatchedJobs> in) {
        JobDirectory unused = () -> {
            throw new AssertionError("an unwatched check must not ask the job manager");
        };
        DriftReport report = new DriftWatcher(unused, new ProcessTable(), Runnable::run, Clock.systemUTC(), System::nanoTime,
                in).run(List.of(check));
        return report.results().get(0);
    }

    @Test
    void readsTheFolderConfiguredOrGivenAndTheIgnoreList() throws Exception {
        assertThat(load("""
                checks:
                  - unwatched: configured
                  - name: every-job-watched
                    unwatched: ~/Library/LaunchAgents
                    ignore: [com.apple.*, com.example.backup]
                  - unwatched: plists
                """)).containsExactly(
                new DriftCheck.JobsWatched("unwatched configured", Optional.empty(), List.of()),
                new DriftCheck.JobsWatched("every-job-watched", Optional.of(Path.of("/home/op/Library/LaunchAgents")),
                        List.of("com.apple.*", "com.example.backup")),
                new DriftCheck.JobsWatched("unwatched plists", Optional.of(dir.resolve("plists")), List.of()));
    }

    @Test
    void refusesAnIgnoreEntryWithAStarAnywhereButTheEnd() {
        assertThat(error("checks:\n  - unwatched: configured\n    ignore: [com.a, com.*.web]\n"))
                .isEqualTo("<dir>/drift.yaml: checks[0].ignore[1]: 'com.*.web' must be a label, or a label's beginning "
                        + "followed by one * at the end (com.apple.*)");
    }

    @Test
    void refusesAnIgnoreOfEverything() {
        assertThat(error("checks:\n  - unwatched: configured\n    ignore: ['*']\n"))
                .isEqualTo("<dir>/drift.yaml: checks[0].ignore[0]: '*' would ignore every job; remove the check instead");
    }

    @Test
    void refusesAnIgnoreThatIsNotAList() {
        assertThat(error("checks:\n  - unwatched: configured\n    ignore: {a: b}\n"))
                .isEqualTo("<dir>/drift.yaml: checks[0].ignore: a mapping must be a non-empty list of strings");
    }

    @Test
    void refusesAKeyOtherKindsHave() {
        assertThat(error("checks:\n  - unwatched: configured\n    count: 2\n"))
                .startsWith("<dir>/drift.yaml: checks[0].count: unknown key; allowed: ");
    }

    @Test
    void passesNamingHowManyPlistsWereCheckedWhenEveryJobIsWatched() throws Exception {
        DriftResult result = run(load("checks:\n  - unwatched: configured\n").get(0), Optional.of(configured));

        assertThat(result).isEqualTo(new DriftResult("unwatched configured", "unwatched", true,
                "1 plist(s) in " + agents + " checked: every job is watched by /etc/launchguard.yaml"));
    }

    @Test
    void failsNamingEachUnwatchedLabelAndItsFile() throws Exception {
        write("com.a.web.plist", "com.a.web");
        write("b.plist", "com.b.job");
        Plists.write(LaunchdJob.of("com.c.off", List.of("/usr/bin/true")).withDisabled(true), agents.resolve("c.plist"));
        Files.writeString(agents.resolve("broken.plist"), "not a plist at all");

        DriftResult result = run(new DriftCheck.JobsWatched("every-job-watched", Optional.of(agents), List.of()),
                Optional.of(configured));

        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).startsWith("4 job(s) in " + agents + " not watched by /etc/launchguard.yaml: "
                + "broken (broken.plist: does not parse: ")
                .endsWith("), com.a.web (com.a.web.plist), com.b.job (b.plist), com.c.off (c.plist, disabled) "
                + "(5 plist(s) checked)");
    }

    @Test
    void ignoredLabelsAndPrefixesAreLetBe() throws Exception {
        write("com.apple.x.plist", "com.apple.x");
        write("com.apple.y.plist", "com.apple.y");
        write("com.example.backup.plist", "com.example.backup");
        write("com.example.backups.plist", "com.example.backups");
        DriftCheck check = load("""
                checks:
                  - unwatched: configured
                    ignore: [com.apple.*, com.example.backup]
                """).get(0);

        DriftResult result = run(check, Optional.of(configured));

        assertThat(result.detail()).isEqualTo("1 job(s) in " + agents + " not watched by /etc/launchguard.yaml: "
                + "com.example.backups (com.example.backups.plist) (5 plist(s) checked, 3 ignored)");
        Files.delete(agents.resolve("com.example.backups.plist"));
        assertThat(run(check, Optional.of(configured))).extracting(DriftResult::ok, DriftResult::detail).containsExactly(
                true, "4 plist(s) in " + agents + " checked: every job is watched by /etc/launchguard.yaml, 3 ignored");
    }

    @Test
    void aMissingFolderFailsNamingIt() {
        Path missing = dir.resolve("nowhere");

        DriftResult result = run(new DriftCheck.JobsWatched("w", Optional.of(missing), List.of()), Optional.of(configured));

        assertThat(result).extracting(DriftResult::ok, DriftResult::detail)
                .containsExactly(false, missing + ": does not exist; allowed: a folder of launchd plists");
    }

    @Test
    void withoutAConfigurationInUseItFailsSayingWhatToGive() {
        DriftResult result = run(new DriftCheck.JobsWatched("w", Optional.of(agents), List.of()), Optional.empty());

        assertThat(result).extracting(DriftResult::ok, DriftResult::detail).containsExactly(false,
                "no launchguard.yaml is in use to say which jobs are watched; give 'launchguard watch drift --once' "
                        + "a --config FILE");
    }
}
