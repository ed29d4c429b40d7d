package dev.launchguard.model.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceServiceTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    private final InferenceService service =
            new InferenceService(3, () -> clock.addAndGet(5_000_000), pauses::add, kills::incrementAndGet);

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void embedsOnAnInferenceThreadAndCountsTheRun() {
        service.attach(new FakeEncoder());

        assertThat(service.embed(List.of("a", "bb")).join().vectors()).hasSize(2);
        assertThat(service.stats()).isEqualTo(new InferenceStats(1, 2, 0, Duration.ofMillis(5)));
        assertThat(service.admitted()).isEqualTo(1);
    }

    @Test
    void failsBeforeTheModelIsAttached() {
        assertThatThrownBy(() -> service.embed(List.of("a")).join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("model is not loaded");
    }

    @Test
    void slowFaultPausesEveryInferenceUntilCleared() {
        service.attach(new FakeEncoder());
        service.slowDown(Duration.ofMillis(250));
        service.embed(List.of("a")).join();
        service.embed(List.of("a")).join();
        service.slowDown(Duration.ZERO);
        service.embed(List.of("a")).join();

        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    }

    @Test
    void poisonKillsOnTheNextInferenceOnly() {
        service.attach(new FakeEncoder());
        service.poisonNext();

        assertThatThrownBy(() -> service.embed(List.of("a")).join()).hasMessageContaining("poisoned");
        assertThat(service.embed(List.of("a")).join().vectors()).hasSize(1);
        assertThat(kills).hasValue(1);
    }

    @Test
    void deadlockFaultLeavesAJavaLevelDeadlockAndHangsLaterInferences() {
        service.attach(new FakeEncoder());
        service.deadlock();

        await().atMost(Duration.ofSeconds(5)).until(
                () -> ManagementFactory.getThreadMXBean().findDeadlockedThreads() != null);
        assertThatThrownBy(() -> service.embed(List.of("a")).get(300, TimeUnit.MILLISECONDS))
                .isInstanceOf(TimeoutException.class);
    }
}
