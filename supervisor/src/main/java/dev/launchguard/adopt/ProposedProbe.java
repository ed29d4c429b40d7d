package dev.launchguard.adopt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One proposed probe role, in launchguard.yaml's terms, with the reasons a person reads beside it.
 * An empty value is left out of the file: launchguard's default applies.
 *
 * @param kind {@code http} or {@code tcp}
 * @param target a URL, or {@code HOST:PORT} for {@code tcp}
 * @param method {@code POST} for an inference; empty for a GET
 * @param tlsVerify {@code false} for an https URL whose certificate the survey could not verify
 * @param why short English lines, for YAML comments
 */
public record ProposedProbe(String kind, String target, Optional<String> method, Optional<String> body,
        OptionalInt expectStatus, Optional<Duration> interval, Optional<Duration> timeout, OptionalInt failureThreshold,
        Optional<Boolean> tlsVerify, List<String> why) {

    public ProposedProbe {
        why = List.copyOf(why);
    }

    static ProposedProbe get(String url, OptionalInt expectStatus, List<String> why) {
        return new ProposedProbe("http", url, Optional.empty(), Optional.empty(), expectStatus, Optional.empty(),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), why);
    }

    static ProposedProbe tcp(String hostPort, List<String> why) {
        return new ProposedProbe("tcp", hostPort, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), why);
    }

    ProposedProbe timing(Optional<Duration> newInterval, Optional<Duration> newTimeout) {
        return new ProposedProbe(kind, target, method, body, expectStatus, newInterval, newTimeout, failureThreshold,
                tlsVerify, why);
    }

    ProposedProbe verifying(Optional<Boolean> verify) {
        return new ProposedProbe(kind, target, method, body, expectStatus, interval, timeout, failureThreshold, verify,
                why);
    }

    ProposedProbe because(List<String> more) {
        List<String> all = new java.util.ArrayList<>(why);
        all.addAll(more);
        return new ProposedProbe(kind, target, method, body, expectStatus, interval, timeout, failureThreshold,
                tlsVerify, all);
    }
}
