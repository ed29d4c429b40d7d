package dev.launchguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.launchguard.job.Termination;
import dev.launchguard.plist.KeepAlive;
import dev.launchguard.plist.LaunchdJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private static final Optional<Termination> EXIT_0 = Optional.of(Termination.exited(0));
    private static final Optional<Termination> EXIT_1 = Optional.of(Termination.exited(1));
    private static final Optional<Termination> KILLED = Optional.of(Termination.signaled(9));
    private static final Optional<Termination> UNKNOWN = Optional.empty();

    private final Set<String> existing = new java.util.HashSet<>();
    private final RestartPolicy policy = new RestartPolicy(p -> existing.contains(p.toString()), "other"::equals);

    private static LaunchdJob job(KeepAlive keepAlive) {
        return LaunchdJob.of("a", List.of("/bin/true")).withKeepAlive(keepAlive);
    }

    private static KeepAlive successfulExit(boolean want) {
        return KeepAlive.conditions(Optional.of(want), Optional.empty(), Map.of(), Map.of());
    }

    private static KeepAlive crashed(boolean want) {
        return KeepAlive.conditions(Optional.empty(), Optional.of(want), Map.of(), Map.of());
    }

    @Test
    void keepAliveTrueRestartsAfterEveryExit() {
        LaunchdJob job = job(KeepAlive.forever());
        assertThat(List.of(EXIT_0, EXIT_1, KILLED, UNKNOWN)).allMatch(e -> policy.restartAfter(job, e));
    }

    @Test
    void noKeepAliveNeverRestarts() {
        LaunchdJob job = job(KeepAlive.never());
        assertThat(List.of(EXIT_0, EXIT_1, KILLED, UNKNOWN)).noneMatch(e -> policy.restartAfter(job, e));
    }

    @Test
    void successfulExitFalseRestartsOnlyAfterAnUnsuccessfulEnd() {
        LaunchdJob job = job(successfulExit(false));
        assertThat(policy.restartAfter(job, EXIT_0)).isFalse();
        assertThat(policy.restartAfter(job, EXIT_1)).isTrue();
        assertThat(policy.restartAfter(job, KILLED)).isTrue();
        assertThat(policy.restartAfter(job, UNKNOWN)).isTrue();
    }

    @Test
    void successfulExitTrueRestartsOnlyAfterExitZero() {
        LaunchdJob job = job(successfulExit(true));
        assertThat(policy.restartAfter(job, EXIT_0)).isTrue();
        assertThat(policy.restartAfter(job, EXIT_1)).isFalse();
        assertThat(policy.restartAfter(job, KILLED)).isFalse();
    }

    @Test
    void crashedTrueRestartsOnlyAfterASignal() {
        LaunchdJob job = job(crashed(true));
        assertThat(policy.restartAfter(job, KILLED)).isTrue();
        assertThat(policy.restartAfter(job, EXIT_1)).isFalse();
        assertThat(policy.restartAfter(job, UNKNOWN)).isFalse();
        LaunchdJob inverse = job(crashed(false));
        assertThat(policy.restartAfter(inverse, KILLED)).isFalse();
        assertThat(policy.restartAfter(inverse, EXIT_0)).isTrue();
    }

    @Test
    void pathStateKeepsTheJobAliveWhileThePathIsAsWanted() {
        LaunchdJob job = job(KeepAlive.conditions(Optional.empty(), Optional.empty(), Map.of("/tmp/flag", true),
                Map.of()));
        assertThat(policy.startAtLoad(job)).isFalse();
        assertThat(policy.restartAfter(job, EXIT_0)).isFalse();
        existing.add(Path.of("/tmp/flag").toString());
        assertThat(policy.startAtLoad(job)).isTrue();
        assertThat(policy.restartAfter(job, EXIT_0)).isTrue();
        assertThat(RestartPolicy.waits(job)).isTrue();
    }

    @Test
    void otherJobEnabledFollowsWhetherThatJobIsLoaded() {
        LaunchdJob job = job(KeepAlive.conditions(Optional.empty(), Optional.empty(), Map.of(),
                Map.of("other", true)));
        assertThat(policy.startAtLoad(job)).isTrue();
        LaunchdJob absent = job(KeepAlive.conditions(Optional.empty(), Optional.empty(), Map.of(),
                Map.of("missing", true)));
        assertThat(policy.startAtLoad(absent)).isFalse();
    }

    @Test
    void successfulExitImpliesRunAtLoadButCrashedDoesNot() {
        assertThat(policy.startAtLoad(job(successfulExit(false)))).isTrue();
        assertThat(policy.startAtLoad(job(crashed(true)))).isFalse();
        assertThat(policy.startAtLoad(job(KeepAlive.forever()))).isTrue();
        assertThat(policy.startAtLoad(job(KeepAlive.never()).withRunAtLoad(true))).isTrue();
    }

    @Test
    void aRunShorterThanTheThrottleWaitsForTheRemainder() {
        long spawned = -5_000_000_000L; // nanoTime may be negative: only differences count
        long second = 1_000_000_000L;
        Duration throttle = Duration.ofSeconds(10);
        assertThat(RestartPolicy.respawnDelay(spawned, throttle, spawned + 3 * second)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RestartPolicy.respawnDelay(spawned, throttle, spawned + 12 * second)).isZero();
        assertThat(RestartPolicy.respawnDelay(spawned, Duration.ZERO, spawned)).isZero();
    }

    @Test
    void javaExitValuesAbove128AreDeathsBySignal() {
        assertThat(RestartPolicy.termination(137)).isEqualTo(Termination.signaled(9));
        assertThat(RestartPolicy.termination(143)).isEqualTo(Termination.signaled(15));
        assertThat(RestartPolicy.termination(1)).isEqualTo(Termination.exited(1));
        assertThat(RestartPolicy.termination(128)).isEqualTo(Termination.exited(128));
        assertThat(RestartPolicy.termination(255)).isEqualTo(Termination.exited(255));
    }
}
