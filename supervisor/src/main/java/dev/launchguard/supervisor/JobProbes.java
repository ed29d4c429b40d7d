package dev.launchguard.supervisor;

import dev.launchguard.config.JobConfig;
import dev.launchguard.config.ProbeConfig;
import dev.launchguard.probe.Probe;
import dev.launchguard.probe.ProbeRole;
import dev.launchguard.probe.ProbeSpec;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One job's probes by role: liveness; readiness when configured; the ready gate a start must pass
 * (readiness, else startup, else liveness); and a TCP probe of the job's first port, which times
 * the port-open phase of a respawn.
 */
final class JobProbes {

    private final Probe liveness;
    private final Optional<Probe> readiness;
    private final Probe gate;
    private final ProbeConfig gateConfig;
    private final ProbeRole gateRole;
    private final Optional<Probe> port;

    JobProbes(JobConfig config, Function<ProbeSpec, Probe> factory) {
        this.liveness = factory.apply(config.liveness().spec());
        this.readiness = config.readiness().map(r -> factory.apply(r.spec()));
        this.gateConfig = config.readiness().or(config::startup).orElse(config.liveness());
        this.gateRole = config.readiness().isPresent() ? ProbeRole.READINESS
                : config.startup().isPresent() ? ProbeRole.STARTUP : ProbeRole.LIVENESS;
        this.gate = factory.apply(gateConfig.spec());
        this.port = config.ports().stream().findFirst()
                .map(p -> factory.apply(new ProbeSpec.Tcp(host(gateConfig.spec()), p)));
    }

    private static String host(ProbeSpec spec) {
        return spec instanceof ProbeSpec.Http http ? http.url().getHost().replace("[", "").replace("]", "")
                : ((ProbeSpec.Tcp) spec).host();
    }

    Probe liveness() {
        return liveness;
    }

    Optional<Probe> readiness() {
        return readiness;
    }

    Probe gate() {
        return gate;
    }

    ProbeConfig gateConfig() {
        return gateConfig;
    }

    ProbeRole gateRole() {
        return gateRole;
    }

    /** True when no readiness or startup probe is configured: liveness is the ready gate. */
    boolean gateIsLiveness() {
        return gateRole == ProbeRole.LIVENESS;
    }

    Optional<Probe> port() {
        return port;
    }

    /** The roles this job is probed under: liveness, readiness when configured, and the ready gate's. */
    Set<ProbeRole> roles() {
        Set<ProbeRole> roles = EnumSet.of(ProbeRole.LIVENESS, gateRole);
        readiness.ifPresent(r -> roles.add(ProbeRole.READINESS));
        return roles;
    }

    /** What the probe of {@code role} targets, for the API. */
    String target(ProbeRole role) {
        switch (role) {
            case LIVENESS:
                return liveness.target();
            case READINESS:
                return readiness.map(Probe::target).orElse(gate.target());
            default:
                return gate.target();
        }
    }
}
