package dev.launchguard.plist;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where launchd loads a plist, judged from the folder it lives in (launchd.plist(5), FILES): a
 * user's LaunchAgents, the global LaunchAgents or LaunchDaemons, Apple's own, or somewhere launchd
 * never looks by itself.
 *
 * @param home for a user agent, the home folder holding {@code Library/LaunchAgents}
 */
public record JobDomain(Kind kind, Path folder, Optional<Path> home) {

    /** The kinds of location launchd treats differently. */
    public enum Kind {
        /** {@code ~/Library/LaunchAgents}: loaded into that user's gui/uid (or user/uid) domain. */
        USER_AGENT,
        /** {@code /Library/LaunchAgents}: loaded into the gui/uid domain of every user who logs in. */
        GLOBAL_AGENT,
        /** {@code /Library/LaunchDaemons}: loaded into the system domain at boot, run as root. */
        SYSTEM_DAEMON,
        /** {@code /System/Library/...}: Apple's, protected by System Integrity Protection. */
        APPLE,
        /** Anywhere else: loaded only when bootstrapped explicitly. */
        OTHER
    }

    /** Classifies the folder of {@code file}. */
    public static JobDomain of(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        String path = folder.toString();
        if (path.equals("/Library/LaunchDaemons")) {
            return new JobDomain(Kind.SYSTEM_DAEMON, folder, Optional.empty());
        }
        if (path.equals("/Library/LaunchAgents")) {
            return new JobDomain(Kind.GLOBAL_AGENT, folder, Optional.empty());
        }
        if (path.startsWith("/System/Library/")) {
            return new JobDomain(Kind.APPLE, folder, Optional.empty());
        }
        if (folder.endsWith(Path.of("Library", "LaunchAgents")) && folder.getNameCount() > 2) {
            return new JobDomain(Kind.USER_AGENT, folder, Optional.of(folder.getParent().getParent()));
        }
        return new JobDomain(Kind.OTHER, folder, Optional.empty());
    }
}
