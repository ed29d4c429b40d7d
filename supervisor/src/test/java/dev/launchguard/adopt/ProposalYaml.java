package dev.launchguard.adopt;

import dev.launchguard.config.ConfigLoader;
import dev.launchguard.config.LaunchguardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A proposal written as a launchguard.yaml job and read back by launchguard's own loader. */
final class ProposalYaml {

    private ProposalYaml() {
    }

    static LaunchguardConfig load(Proposal p, Path dir) throws IOException {
        StringBuilder y = new StringBuilder("jobs:\n  - label: ").append(p.label()).append('\n');
        p.startup().ifPresent(s -> role(y, "startup", s, p.startupBudget().map(Durations::text)));
        p.liveness().ifPresent(l -> role(y, "liveness", l, Optional.empty()));
        p.readiness().ifPresent(r -> role(y, "readiness", r, Optional.empty()));
        Path file = dir.resolve("launchguard.yaml");
        Files.writeString(file, y);
        return new ConfigLoader(dir).load(file);
    }

    private static void role(StringBuilder y, String role, ProposedProbe p, Optional<String> budget) {
        y.append("    ").append(role).append(":\n");
        line(y, p.kind(), p.target());
        p.method().ifPresent(m -> line(y, "method", m));
        p.body().ifPresent(b -> line(y, "body", "'" + b.replace("'", "''") + "'"));
        p.expectStatus().ifPresent(s -> line(y, "expectStatus", String.valueOf(s)));
        p.interval().ifPresent(i -> line(y, "interval", Durations.text(i)));
        p.timeout().ifPresent(t -> line(y, "timeout", Durations.text(t)));
        p.failureThreshold().ifPresent(f -> line(y, "failureThreshold", String.valueOf(f)));
        p.tlsVerify().ifPresent(v -> line(y, "tlsVerify", String.valueOf(v)));
        budget.ifPresent(b -> line(y, "budget", b));
    }

    private static void line(StringBuilder y, String key, String value) {
        y.append("      ").append(key).append(": ").append(value).append('\n');
    }
}
