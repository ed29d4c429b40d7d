package dev.launchguard.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What launchguard watches for one launchd job, named by its Label.
 *
 * @param startup gates liveness while the job starts (a model loading); empty means liveness
 *     starts at once, with {@code startupBudget} as the grace for the first success
 * @param startupBudget how long a start may take before it counts as failed
 * @param liveness wedge detection; the only probe that can lead to a restart
 * @param readiness serving or not; never a restart by itself
 * @param ports the TCP ports the job serves, from its probe URLs: checked for squatters and
 *     verified free at teardown
 */
public record JobConfig(
        String label,
        Optional<ProbeConfig> startup,
        Duration startupBudget,
        ProbeConfig liveness,
        Optional<ProbeConfig> readiness,
        RecoveryPolicy recovery,
        StormPolicy storm,
        List<Integer> ports) {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9][A-Za-z0-9_-]*)+");

    public JobConfig {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(startupBudget, "startupBudget");
        Objects.requireNonNull(liveness, "liveness");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(storm, "storm");
        ports = List.copyOf(ports);
    }

    /** Whether {@code label} is a reverse-DNS launchd Label, the only kind launchguard.yaml accepts (com.example.web). */
    public static boolean acceptsLabel(String label) {
        return LABEL.matcher(label).matches();
    }

    /** The probe that says "ready to serve": readiness if given, else liveness. */
    public ProbeConfig readyProbe() {
        return readiness.orElse(liveness);
    }
}
