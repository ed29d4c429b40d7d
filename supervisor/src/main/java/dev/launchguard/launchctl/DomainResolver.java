package dev.launchguard.launchctl;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the launchd domain a job loads into: {@code system} for a daemon, and for an agent
 * {@code gui/<uid>} when the user has an Aqua (GUI) login, {@code user/<uid>} when not (SSH,
 * headless). Bootstrapping into {@code gui/<uid>} without a GUI login fails with 125
 * (error-bootstrap-125-no-gui-session.txt) or "Could not find domain for" (error-load-no-gui-domain-mojave.txt).
 */
final class DomainResolver {

    private static final Logger LOG = LoggerFactory.getLogger(DomainResolver.class);
    /** Folders whose plists are daemons, run as root in the system domain (launchd(8)). */
    private static final List<Path> DAEMON_FOLDERS =
            List.of(Path.of("/Library/LaunchDaemons"), Path.of("/System/Library/LaunchDaemons"));
    /** What {@code launchctl managername} prints inside a GUI login; "Background" over SSH. */
    private static final String AQUA = "Aqua";
    private static final long ROOT = 0;

    private final Launchctl launchctl;
    private final long uid;
    private final AtomicReference<Domain> session = new AtomicReference<>();

    DomainResolver(Launchctl launchctl, long uid) {
        this.launchctl = launchctl;
        this.uid = uid;
    }

    /** The domain for the job in {@code plist}, decided by the folder it sits in. */
    Domain forPlist(Path plist) {
        Path folder = plist.toAbsolutePath().normalize().getParent();
        return DAEMON_FOLDERS.contains(folder) ? Domain.system() : session();
    }

    /** The domain of this user's agents: asked of launchd once, then remembered. */
    Domain session() {
        if (uid == ROOT) {
            return Domain.system();
        }
        return session.updateAndGet(known -> known != null ? known : askLaunchd());
    }

    /** launchd refused {@code gui/<uid>}: there is no GUI login, so agents go to {@code user/<uid>} from now on. */
    Domain noGuiSession() {
        LOG.warn("No GUI login for gui/{}; using user/{} for agents", uid, uid);
        session.set(Domain.user(uid));
        return Domain.user(uid);
    }

    private Domain askLaunchd() {
        Launchctl.Outcome outcome = launchctl.call("(domain)", "managername");
        boolean aqua = outcome.error().isEmpty() && outcome.result().stdout().strip().equals(AQUA);
        Domain domain = aqua ? Domain.gui(uid) : Domain.user(uid);
        LOG.info("Resolved launchd domain for agents domain={} managername={}", domain.target(),
                outcome.result().stdout().strip());
        return domain;
    }
}
