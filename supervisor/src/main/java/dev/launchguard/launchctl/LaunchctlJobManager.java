package dev.launchguard.launchctl;

import dev.launchguard.job.JobManager;
import dev.launchguard.job.JobManagerException;
import dev.launchguard.job.JobStatus;
import dev.launchguard.job.RunState;
import dev.launchguard.job.Signal;
import dev.launchguard.job.Teardown;
import dev.launchguard.process.ProcessTable;
import dev.launchguard.process.Signals;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobManager} of macOS: drives launchd through {@code /bin/launchctl}, following what real
 * Macs do rather than what the man page promises (each quirk cites its fixture in
 * supervisor/src/test/resources/launchctl/).
 *
 * <p>Threads: every method blocks on launchctl and may be called from any thread; the two maps below
 * are the only state and are concurrent.
 */
public final class LaunchctlJobManager implements JobManager {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchctlJobManager.class);
    private static final String PLIST_SUFFIX = ".plist";

    private final Launchctl launchctl;
    private final DomainResolver domains;
    private final VerifiedBootout bootout;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LaunchctlSettings settings;
    /** Jobs this manager bootstrapped: their domain, plist and when. */
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    /** When each label was last booted out, for the bootstrap-after-bootout race. */
    private final Map<String, Instant> bootedOut = new ConcurrentHashMap<>();

    LaunchctlJobManager(ProcessRunner runner, JobProcesses processes, long uid, Clock clock, Sleeper sleeper,
            LaunchctlSettings settings) {
        this.launchctl = new Launchctl(runner, settings.commandTimeout());
        this.domains = new DomainResolver(launchctl, uid);
        this.bootout = new VerifiedBootout(launchctl, processes, clock, sleeper, settings);
        this.clock = clock;
        this.sleeper = sleeper;
        this.settings = settings;
    }

    /** The manager for the user running launchguard, with real processes, clock and sleeps. */
    public static LaunchctlJobManager forCurrentUser() {
        ProcessRunner runner = new SystemProcessRunner();
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        return new LaunchctlJobManager(runner, processes(runner), uid, Clock.systemUTC(), Sleeper.system(),
                LaunchctlSettings.defaults());
    }

    /** The lineage scan: the process table where oshi reads environments, macOS ps -E where it cannot. */
    private static JobProcesses processes(ProcessRunner runner) {
        if (System.getProperty("os.name").startsWith("Mac")) {
            return new PsJobProcesses(runner, pid -> Signals.send(pid, Signal.KILL));
        }
        return new TableJobProcesses(new ProcessTable());
    }

    @Override
    public JobStatus bootstrap(Path plist) {
        String label = labelOf(plist);
        Domain domain = domains.forPlist(plist);
        try {
            enableAndBootstrap(label, domain, plist);
        } catch (LaunchctlException e) {
            if (!domain.gui() || !(e.reason() == LaunchctlReason.DOMAIN_UNSUPPORTED
                    || e.reason() == LaunchctlReason.NO_DOMAIN)) {
                throw e;
            }
            domain = domains.noGuiSession();
            enableAndBootstrap(label, domain, plist);
        }
        loaded.put(label, new Loaded(domain, plist, clock.instant()));
        LOG.info("Bootstrapped job={} domain={}", label, domain.target());
        return status(label);
    }

    @Override
    public Teardown bootout(String label) {
        Teardown teardown = bootout.run(label, domainOf(label), Optional.ofNullable(loaded.get(label)).map(Loaded::plist));
        loaded.remove(label);
        bootedOut.put(label, clock.instant());
        return teardown;
    }

    @Override
    public JobStatus kickstart(String label, boolean kill) {
        String target = domainOf(label).service(label);
        if (kill && justBootstrapped(label)) {
            ServiceDescription service = describe(label).orElseThrow(() ->
                    new JobManagerException(label, "is not loaded, so it cannot be kickstarted"));
            // kickstart -k right after bootstrap SIGTERMs the RunAtLoad instance launchd has just
            // spawned (print-gui-2026-filtered-sed-nested-state.txt: runs = 2, last signal 15).
            if (service.runAtLoad()) {
                LOG.info("Not killing the RunAtLoad instance just bootstrapped job={}", label);
                if (service.state() == RunState.RUNNING) {
                    return service.toJobStatus(label);
                }
                kill = false;
            }
        }
        launchctl.call(label, kill ? new String[] {"kickstart", "-k", target} : new String[] {"kickstart", target})
                .stdoutOrThrow();
        return status(label);
    }

    @Override
    public void signal(String label, Signal signal) {
        launchctl.call(label, "kill", signal.signalName(), domainOf(label).service(label)).stdoutOrThrow();
    }

    @Override
    public void enable(String label) {
        launchctl.call(label, "enable", domainOf(label).service(label)).stdoutOrThrow();
    }

    @Override
    public Teardown disable(String label) {
        // Disable first: the override is persistent, so a crash between the two calls leaves the
        // job unable to come back at the next login or boot.
        launchctl.call(label, "disable", domainOf(label).service(label)).stdoutOrThrow();
        return bootout(label);
    }

    /** From {@code launchctl print-disabled <domain>}; an answer that cannot be read says not disabled. */
    @Override
    public boolean disabled(String label) {
        Launchctl.Outcome overrides = launchctl.call(label, "print-disabled", domainOf(label).target());
        return overrides.error().isEmpty() && DisabledServices.parse(overrides.result().stdout()).disabled(label);
    }

    @Override
    public JobStatus status(String label) {
        return describe(label).map(service -> service.toJobStatus(label)).orElseGet(() -> JobStatus.unloaded(label));
    }

    @Override
    public List<JobStatus> list() {
        String table = launchctl.call("(list)", "list").stdoutOrThrow();
        return ListTableParser.parse(table).stream().filter(entry -> loaded.containsKey(entry.label()))
                .map(ListEntry::toJobStatus).toList();
    }

    @Override
    public void close() {
        // Nothing to release: every launchctl call is a finished process.
    }

    private Optional<ServiceDescription> describe(String label) {
        Launchctl.Outcome print = launchctl.call(label, "print", domainOf(label).service(label));
        if (print.failedWith(LaunchctlReason.NOT_FOUND)) {
            return Optional.empty();
        }
        String output = print.stdoutOrThrow();
        try {
            return Optional.of(PrintParser.parse(output));
        } catch (LaunchctlParseException e) {
            throw new JobManagerException(label, "launchctl print output could not be read", e);
        }
    }

    /** {@code enable} first: bootstrap of a disabled service fails with 119 (error-bootstrap-119-disabled-QUOTED.txt). */
    private void enableAndBootstrap(String label, Domain domain, Path plist) {
        launchctl.call(label, "enable", domain.service(label)).stdoutOrThrow();
        Duration backoff = settings.firstBackoff();
        Instant giveUp = clock.instant().plus(settings.retryBudget());
        while (true) {
            Launchctl.Outcome outcome = launchctl.call(label, "bootstrap", domain.target(), plist.toString());
            if (outcome.error().isEmpty()) {
                return;
            }
            if (!raceWithBootout(label, outcome) || clock.instant().plus(backoff).isAfter(giveUp)) {
                throw explained(label, domain, outcome.error().get());
            }
            LOG.info("Bootstrap raced a bootout, retrying job={} code={} backoff={}", label,
                    outcome.error().get().code(), backoff);
            pause(label, backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    /**
     * 37 means a bootout is still finishing; so may 5, which is how the CLI prints launchd's 37
     * (log-bootout-then-bootstrap-race-macos27-PARTIAL.txt) — but only shortly after a bootout.
     */
    private boolean raceWithBootout(String label, Launchctl.Outcome outcome) {
        if (outcome.failedWith(LaunchctlReason.ALREADY_IN_PROGRESS)) {
            return true;
        }
        Instant last = bootedOut.get(label);
        return outcome.failedWith(LaunchctlReason.IO_ERROR) && last != null
                && clock.instant().isBefore(last.plus(settings.bootstrapRetryWindow()));
    }

    /** Exit 5 hides its cause from non-root callers; ask launchd what it can tell. */
    private LaunchctlException explained(String label, Domain domain, LaunchctlError error) {
        if (error.reason() != LaunchctlReason.IO_ERROR) {
            return new LaunchctlException(label, "bootstrap", error);
        }
        if (!launchctl.call(label, "print", domain.service(label)).failedWith(LaunchctlReason.NOT_FOUND)) {
            return new LaunchctlException(label, "bootstrap", error,
                    "it is already loaded in " + domain.target() + "; boot it out first");
        }
        Launchctl.Outcome overrides = launchctl.call(label, "print-disabled", domain.target());
        if (overrides.error().isEmpty() && DisabledServices.parse(overrides.result().stdout()).disabled(label)) {
            return new LaunchctlException(label, "bootstrap", error,
                    "it is disabled in " + domain.target() + " (launchctl print-disabled)");
        }
        return new LaunchctlException(label, "bootstrap", error);
    }

    private boolean justBootstrapped(String label) {
        Loaded job = loaded.get(label);
        return job != null && clock.instant().isBefore(job.at().plus(settings.runAtLoadGrace()));
    }

    private Domain domainOf(String label) {
        Loaded job = loaded.get(label);
        return job != null ? job.domain() : domains.session();
    }

    private void pause(String label, Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobManagerException(label, "bootstrap was interrupted while waiting to retry");
        }
    }

    /**
     * The label of the job in {@code plist}: its file name without {@code .plist}, as launchd's
     * convention and launchguard's linter require.
     */
    static String labelOf(Path plist) {
        String name = plist.getFileName().toString();
        if (!name.endsWith(PLIST_SUFFIX) || name.length() == PLIST_SUFFIX.length()) {
            throw new JobManagerException(name, "cannot be bootstrapped: the plist file must be named <Label>.plist");
        }
        return name.substring(0, name.length() - PLIST_SUFFIX.length());
    }

    private record Loaded(Domain domain, Path plist, Instant at) {
    }
}
