package dev.launchguard.plist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlistExplainerTest {

    @TempDir
    Path dir;

    @Test
    void explainsKeepAliveThrottleStopOutputAndDomain() {
        Path file = Fixtures.valid("com.example.web.plist");

        List<String> lines = PlistExplainer.explain(Plists.read(file), file);

        assertThat(lines).containsExactly(
                "Job com.example.web (" + file + ")",
                "Runs: /usr/local/bin/web --port 8080, in / (WorkingDirectory unset).",
                "Starts: when it is loaded, because KeepAlive true keeps it running.",
                "Restarts: whenever it exits, for any reason (KeepAlive true).",
                "Throttle: launchd starts it at most once every 30 s (ThrottleInterval 30): a run shorter than 30 s "
                        + "is respawned only after the rest of the 30 s has passed (launchd logs \"Service only ran "
                        + "for N seconds. Pushing respawn out by M seconds.\").",
                "Stops: on bootout, unload or shutdown launchd sends SIGTERM, then SIGKILL if it is still running "
                        + "after 20 s (ExitTimeOut unset, launchd's default); when it exits, launchd kills what is "
                        + "left of its process group.",
                "Output: stdout is appended to /usr/local/var/log/web.out.log (launchd creates the file, not its "
                        + "folder); stderr is appended to /usr/local/var/log/web.err.log (launchd creates the file, "
                        + "not its folder).",
                "Domain: none by itself: " + file.getParent() + " is not a folder launchd loads from, so the job "
                        + "runs only when bootstrapped explicitly (launchctl bootstrap gui/<uid> " + file + ") or by "
                        + "launchguard's embedded engine.");
    }

    @Test
    void userAgentLoadsIntoTheGuiOrUserDomainOfTheHomesOwner() throws Exception {
        Path agents = Files.createDirectories(dir.resolve("home/Library/LaunchAgents"));
        Path file = Files.copy(Fixtures.valid("com.example.web.plist"), agents.resolve("com.example.web.plist"));
        int uid = (Integer) Files.getAttribute(dir.resolve("home"), "unix:uid");

        String domain = PlistExplainer.explain(Plists.read(file), file).get(7);

        assertThat(domain).isEqualTo("Domain: gui/" + uid + " when the owner of " + dir.resolve("home") + " (uid "
                + uid + ") is logged in at the screen, or user/" + uid + " without a screen session (SSH, "
                + "headless); a user agent in " + agents + ", loaded at that user's login.");
    }

    @Test
    void explainsConditionsScheduleDefaultsAndDiscardedOutput() {
        Path file = Fixtures.valid("com.example.full.plist");
        LaunchdJob job = Plists.read(file).withStandardErrorPath(Path.of("/var/log/full.out.log"))
                .withStandardOutPath(Path.of("/var/log/full.out.log"));

        List<String> lines = PlistExplainer.explain(job, file);

        assertThat(lines.get(1)).isEqualTo("Runs: /usr/local/bin/full with argv full --port 8080, in /var/lib/full, "
                + "with PORT, MODE set.");
        assertThat(lines.get(2)).isEqualTo("Starts: when it is loaded (RunAtLoad); every 300 s (StartInterval); "
                + "at 03:15 every day (StartCalendarInterval); at every minute on Sunday (StartCalendarInterval); "
                + "a start due while the Mac sleeps runs on wake, and several missed starts run once.");
        assertThat(lines.get(3)).isEqualTo("Restarts: after it exits with a non-zero status or dies from a signal "
                + "(KeepAlive SuccessfulExit false); after it dies from a crash signal such as SIGSEGV or SIGILL "
                + "(KeepAlive Crashed true); while /tmp/full.enabled exists (KeepAlive PathState); while job "
                + "com.example.db is loaded (KeepAlive OtherJobEnabled); KeepAlive NetworkState is not acted on by "
                + "current launchd.");
        assertThat(lines.get(5)).endsWith("after 45 s (ExitTimeOut 45); processes it leaves in its process group "
                + "keep running (AbandonProcessGroup).");
        assertThat(lines.get(6)).isEqualTo("Output: stdout and stderr are both appended to /var/log/full.out.log "
                + "(launchd creates the file, not its folder).");

        LaunchdJob bare = LaunchdJob.of("com.example.once", List.of("/bin/date"));
        List<String> plain = PlistExplainer.explain(bare, Path.of("/Library/LaunchDaemons/com.example.once.plist"));
        assertThat(plain).containsExactly(
                "Job com.example.once (/Library/LaunchDaemons/com.example.once.plist)",
                "Runs: /bin/date, in / (WorkingDirectory unset).",
                "Starts: only on demand, when something asks for it (launchctl kickstart, or an event of its "
                        + "WatchPaths, Sockets or MachServices).",
                "Restarts: never: launchd does not start it again when it exits (no KeepAlive).",
                "Stops: on bootout, unload or shutdown launchd sends SIGTERM, then SIGKILL if it is still running "
                        + "after 20 s (ExitTimeOut unset, launchd's default); when it exits, launchd kills what is "
                        + "left of its process group.",
                "Output: stdout is discarded to /dev/null (StandardOutPath unset); stderr is discarded to /dev/null "
                        + "(StandardErrorPath unset).",
                "Domain: system, loaded at boot, running as root (UserName unset); a daemon in "
                        + "/Library/LaunchDaemons.");
    }
}
