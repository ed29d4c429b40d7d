package dev.launchguard.plist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The lint rules that look at this host: the program and folders the job names must exist, and
 * the plist's owner and mode must be what launchd demands, or it refuses the file with "Path had
 * bad ownership/permissions" (fixture error-load-122-bad-ownership.txt). Skipped by
 * {@code --no-host-checks} for a plist meant for another machine.
 */
final class HostRules {

    private static final int ROOT_UID = 0;

    private final Findings findings;

    private HostRules(Findings findings) {
        this.findings = findings;
    }

    static void check(LaunchdJob job, Path file, Findings findings) {
        HostRules rules = new HostRules(findings);
        String programKey = job.program().isPresent() ? "Program" : "ProgramArguments[0]";
        job.executable().ifPresent(program -> rules.executable(programKey, program));
        job.standardOutPath().ifPresent(path -> rules.logFolder("StandardOutPath", path));
        job.standardErrorPath().ifPresent(path -> rules.logFolder("StandardErrorPath", path));
        job.workingDirectory().ifPresent(rules::workingDirectory);
        rules.fileMode(file);
        rules.owner(file);
    }

    private void executable(String key, String program) {
        if (!program.startsWith("/") || findings.hasErrorAt(key)) {
            return;
        }
        Path path = Path.of(program);
        if (!Files.exists(path)) {
            findings.error(key, "\"" + program + "\" does not exist on this host; allowed: an existing executable "
                    + "file");
        } else if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            findings.error(key, "\"" + program + "\" is not an executable file" + modeNote(path)
                    + "; allowed: a file with execute permission (chmod +x)");
        }
    }

    private void logFolder(String key, Path log) {
        Path folder = log.getParent();
        if (log.isAbsolute() && folder != null && !Files.isDirectory(folder)) {
            findings.error(key, "folder \"" + folder + "\" does not exist on this host; allowed: a file in an "
                    + "existing folder (launchd creates the file, not its folder)");
        }
    }

    private void workingDirectory(Path folder) {
        if (folder.isAbsolute() && !Files.isDirectory(folder)) {
            findings.error("WorkingDirectory", "\"" + folder + "\" is not an existing folder on this host; "
                    + "allowed: an existing folder");
        }
    }

    private void fileMode(Path file) {
        Optional<Set<PosixFilePermission>> permissions = permissions(file);
        if (permissions.isPresent() && (permissions.get().contains(PosixFilePermission.GROUP_WRITE)
                || permissions.get().contains(PosixFilePermission.OTHERS_WRITE))) {
            findings.error("", "mode " + octal(permissions.get()) + " is group- or world-writable; allowed: "
                    + "writable by its owner only, such as 0644 (launchd refuses the file)");
        }
    }

    private void owner(Path file) {
        JobDomain domain = JobDomain.of(file);
        Optional<Integer> owner = uid(file);
        if (owner.isEmpty()) {
            return;
        }
        if (domain.kind() == JobDomain.Kind.SYSTEM_DAEMON || domain.kind() == JobDomain.Kind.GLOBAL_AGENT) {
            if (owner.get() != ROOT_UID) {
                findings.error("", "is owned by uid " + owner.get() + "; allowed: owned by root (uid 0), as "
                        + "launchd demands in " + domain.folder());
            }
        } else if (domain.kind() == JobDomain.Kind.USER_AGENT) {
            Path home = domain.home().orElseThrow();
            Optional<Integer> user = uid(home);
            if (user.isPresent() && !user.equals(owner)) {
                findings.error("", "is owned by uid " + owner.get() + "; allowed: owned by uid " + user.get()
                        + ", the owner of " + home + ", as launchd demands for a user's LaunchAgents");
            }
        }
    }

    private static String modeNote(Path path) {
        return permissions(path).map(p -> " (mode " + octal(p) + ")").orElse("");
    }

    private static Optional<Set<PosixFilePermission>> permissions(Path path) {
        try {
            return Optional.of(Files.getPosixFilePermissions(path));
        } catch (IOException | UnsupportedOperationException e) {
            // No POSIX modes (or unreadable attributes): nothing launchd-specific to check.
            return Optional.empty();
        }
    }

    /** The owner's uid, empty where the file system has no unix attributes. */
    static Optional<Integer> uid(Path path) {
        try {
            return Optional.of((Integer) Files.getAttribute(path, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String octal(Set<PosixFilePermission> permissions) {
        String rwx = PosixFilePermissions.toString(permissions);
        int mode = 0;
        for (int i = 0; i < rwx.length(); i++) {
            mode = rwx.charAt(i) == '-' ? mode << 1 : (mode << 1) | 1;
        }
        return String.format("0%03o", mode);
    }
}
