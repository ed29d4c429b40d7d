package dev.launchguard.plist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Says in plain words what launchd will do with a job: when it starts, what restarts it and after
 * how long, how it is stopped, where its output goes and which domain it loads into. Each line
 * follows launchd.plist(5); where the man page leaves a default "system-defined", the value real
 * Macs use is given.
 */
public final class PlistExplainer {

    private final LaunchdJob job;
    private final Path file;

    private PlistExplainer(LaunchdJob job, Path file) {
        this.job = job;
        this.file = file;
    }

    /** The explanation of {@code job}, read from {@code file}, one line per topic. */
    public static List<String> explain(LaunchdJob job, Path file) {
        return new PlistExplainer(job, file).lines();
    }

    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Job " + job.label() + " (" + file + ")");
        lines.add("Runs: " + runs());
        lines.add("Starts: " + String.join("; ", StartWords.starts(job)) + ".");
        lines.add("Restarts: " + String.join("; ", StartWords.restarts(job.keepAlive())) + ".");
        if (job.keepAlive().enabled() || job.startInterval().isPresent() || !job.startCalendarInterval().isEmpty()) {
            lines.add("Throttle: " + throttle());
        }
        lines.add("Stops: " + stops());
        lines.add("Output: " + output());
        lines.add("Domain: " + domain());
        return lines;
    }

    private String runs() {
        String argv = String.join(" ", job.argv());
        String executable = job.executable().orElse("(nothing: neither Program nor ProgramArguments is set)");
        String runs = executable.equals(job.argv().isEmpty() ? "" : job.argv().get(0)) ? argv
                : executable + " with argv " + argv;
        runs += ", in " + job.workingDirectory().map(Path::toString).orElse("/ (WorkingDirectory unset)");
        if (!job.environmentVariables().isEmpty()) {
            runs += ", with " + String.join(", ", job.environmentVariables().keySet()) + " set";
        }
        if (job.disabled()) {
            runs += "; Disabled is true, so launchd will not load it until it is enabled (launchctl enable)";
        }
        return runs + ".";
    }

    private String throttle() {
        long seconds = job.effectiveThrottle().toSeconds();
        String source = job.throttleInterval().isPresent() ? "ThrottleInterval " + seconds
                : "ThrottleInterval unset, launchd's default";
        return "launchd starts it at most once every " + seconds + " s (" + source + "): a run shorter than "
                + seconds + " s is respawned only after the rest of the " + seconds + " s has passed (launchd logs "
                + "\"Service only ran for N seconds. Pushing respawn out by M seconds.\").";
    }

    private String stops() {
        Duration timeout = job.effectiveExitTimeOut();
        String source = job.exitTimeOut().isPresent() ? "ExitTimeOut " + timeout.toSeconds()
                : "ExitTimeOut unset, launchd's default";
        String group = job.abandonProcessGroup()
                ? "processes it leaves in its process group keep running (AbandonProcessGroup)"
                : "when it exits, launchd kills what is left of its process group";
        return "on bootout, unload or shutdown launchd sends SIGTERM, then SIGKILL if it is still running after "
                + timeout.toSeconds() + " s (" + source + "); " + group + ".";
    }

    private String output() {
        Optional<Path> out = job.standardOutPath();
        Optional<Path> err = job.standardErrorPath();
        if (out.isPresent() && out.equals(err)) {
            return "stdout and stderr are both appended to " + out.get() + " (launchd creates the file, not its "
                    + "folder).";
        }
        return "stdout " + stream(out, "StandardOutPath") + "; stderr " + stream(err, "StandardErrorPath") + ".";
    }

    private static String stream(Optional<Path> path, String key) {
        return path.map(p -> "is appended to " + p + " (launchd creates the file, not its folder)")
                .orElse("is discarded to /dev/null (" + key + " unset)");
    }

    private String domain() {
        JobDomain domain = JobDomain.of(file);
        switch (domain.kind()) {
            case USER_AGENT:
                Path home = domain.home().orElseThrow();
                String uid = HostRules.uid(home).map(String::valueOf).orElse("<uid>");
                return "gui/" + uid + " when the owner of " + home + " (uid " + uid + ") is logged in at the screen, "
                        + "or user/" + uid + " without a screen session (SSH, headless); a user agent in "
                        + domain.folder() + ", loaded at that user's login.";
            case GLOBAL_AGENT:
                return "gui/<uid> of every user who logs in at the screen, one instance per session; a global "
                        + "agent in " + domain.folder() + ".";
            case SYSTEM_DAEMON:
                return "system, loaded at boot, running as " + job.userName().map(u -> "user " + u + " (UserName)")
                        .orElse("root (UserName unset)") + "; a daemon in " + domain.folder() + ".";
            case APPLE:
                return "Apple's own job in " + domain.folder() + ", protected by System Integrity Protection.";
            default:
                return "none by itself: " + domain.folder() + " is not a folder launchd loads from, so the job runs "
                        + "only when bootstrapped explicitly (launchctl bootstrap gui/<uid> " + file
                        + ") or by launchguard's embedded engine.";
        }
    }
}
