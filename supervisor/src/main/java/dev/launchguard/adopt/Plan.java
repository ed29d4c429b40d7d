package dev.launchguard.adopt;

import dev.launchguard.config.JobConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What init decided for one job: its probes, or why it is left out.
 *
 * @param proposal the probes; empty when nothing was asked (the job does not run, has no port)
 * @param age how long its process had run when it was discovered, when known
 * @param findings what each port asked answered, for a proposal made again (after {@code --measure-start})
 */
public record Plan(DiscoveredJob job, Optional<Proposal> proposal, Optional<Duration> age, List<PortFinding> findings) {

    public Plan {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(age, "age");
        findings = List.copyOf(findings);
    }

    /** Whether the job gets an entry: only with a liveness probe, the one key a job must have. */
    public boolean watched() {
        return proposal.flatMap(Proposal::liveness).isPresent() && JobConfig.acceptsLabel(job.label());
    }

    /** Why the job is left out; empty when it is {@link #watched()}. */
    public Optional<String> leftOut() {
        if (watched()) {
            return Optional.empty();
        }
        if (job.unreadable().isPresent()) {
            return Optional.of("its plist does not load: " + job.unreadable().get());
        }
        if (!JobConfig.acceptsLabel(job.label())) {
            return Optional.of("its Label '" + job.label() + "' is not the reverse-DNS kind launchguard.yaml accepts"
                    + " (com.example.web): rename it in its plist to watch it");
        }
        if (!(job.seen() instanceof Seen.Running running)) {
            String why = job.seen() instanceof Seen.NotRunning n ? n.why() : ((Seen.NotLoaded) job.seen()).why();
            return Optional.of(job.seen().word() + ": " + why + periodic().map(p -> "; " + p).orElse(""));
        }
        if (job.ports().isEmpty()) {
            return Optional.of("runs (pid " + running.pid() + ") but listens on no TCP port, so there is nothing to probe"
                    + periodic().map(p -> "; " + p).orElse(""));
        }
        if (job.ports().stream().allMatch(p -> p.ask().isEmpty())) {
            List<String> bound = new ArrayList<>();
            job.ports().forEach(p -> bound.add(p.bound() + ":" + p.port()));
            return Optional.of("listens only on " + String.join(", ", bound)
                    + ", no loopback address: discovery asks loopback only (bind it to 127.0.0.1 too, or write its probe by hand)");
        }
        return proposal.flatMap(Proposal::leftOut).or(() -> Optional.of("no probe could be proposed"));
    }

    /** A note for a job launchd starts on a timer: launchd runs it; there is nothing to keep alive. */
    private Optional<String> periodic() {
        return job.job().filter(j -> j.startInterval().isPresent() || !j.startCalendarInterval().isEmpty())
                .map(j -> "a timed job (StartInterval/StartCalendarInterval): launchd runs it on schedule;"
                        + " launchguard supervises services that keep running");
    }
}
