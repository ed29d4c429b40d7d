package dev.launchguard.supervisor;

import dev.launchguard.probe.Outcome;
import dev.launchguard.probe.Probe;
import dev.launchguard.probe.ProbeResult;
import dev.launchguard.probe.ProbeSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Probes that answer at once with the outcome the test scripts for the job's HTTP endpoint, and
 * record when each HTTP attempt was made. TCP (port-open) attempts always succeed.
 */
final class ScriptedProbes implements Function<ProbeSpec, Probe> {

    private final Clock clock;
    private final List<Instant> httpAttempts = new ArrayList<>();
    private Supplier<Outcome> http = () -> Outcome.UP;
    private final java.util.Map<String, Supplier<Outcome>> byPath = new java.util.HashMap<>();
    private final java.util.Map<String, Integer> attemptsByPath = new java.util.HashMap<>();

    ScriptedProbes(Clock clock) {
        this.clock = clock;
    }

    /** What the job's HTTP endpoint answers from now on, asked at each attempt. */
    void answer(Supplier<Outcome> outcome) {
        http = outcome;
    }

    /** What the endpoint at {@code path} answers from now on; the others keep the common answer. */
    void answer(String path, Supplier<Outcome> outcome) {
        byPath.put(path, outcome);
    }

    /** HTTP attempts at {@code path} so far. */
    int attempts(String path) {
        return attemptsByPath.getOrDefault(path, 0);
    }

    List<Instant> httpAttempts() {
        return List.copyOf(httpAttempts);
    }

    @Override
    public Probe apply(ProbeSpec spec) {
        boolean isHttp = spec instanceof ProbeSpec.Http;
        String path = isHttp ? ((ProbeSpec.Http) spec).url().getPath() : "";
        return new Probe() {
            @Override
            public CompletableFuture<ProbeResult> attempt(Duration timeout) {
                if (!isHttp) {
                    return CompletableFuture.completedFuture(result(Outcome.UP, OptionalInt.empty()));
                }
                httpAttempts.add(clock.instant());
                attemptsByPath.merge(path, 1, Integer::sum);
                Outcome outcome = byPath.getOrDefault(path, http).get();
                return CompletableFuture.completedFuture(result(outcome,
                        outcome == Outcome.UP ? OptionalInt.of(200) : outcome == Outcome.DOWN ? OptionalInt.of(500)
                                : OptionalInt.empty()));
            }

            @Override
            public String target() {
                return spec.target();
            }
        };
    }

    private static ProbeResult result(Outcome outcome, OptionalInt status) {
        return new ProbeResult(outcome, Duration.ofMillis(1), status, outcome.tag(), Optional.empty());
    }
}
